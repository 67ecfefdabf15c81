/*
A hostPath volume that reaches the container runtime's API socket (Docker, containerd, CRI-O,
Podman) gives the pod control of every container on the node. Critical at every level.
*/

import type { PodPolicy } from '../policy';
import { exposedRuntimeSocket, hasHostPathVolume, hostPathVolumes } from '../host-paths';
import { REF } from '../references';
import { perPod } from '../visit';

export const containerRuntimeSocket: PodPolicy = {
  id: 'container-runtime-socket',
  title: 'Container runtime socket mounted',
  severity: 'critical',
  category: 'filesystem',
  preset: 'recommended',
  rationale:
    'The runtime socket (docker.sock, containerd.sock, crio.sock, podman.sock) is an unauthenticated root API: whoever can ' +
    "write to it starts a privileged container with the host's filesystem mounted, and owns the node. Mounting it read-only " +
    'does not help (connecting to a socket is not a write to the file). Reported at every level, including privileged.',
  remediation:
    'Remove the volume. Build images with a rootless builder (BuildKit rootless, kaniko, buildah) and read container metadata from the Kubernetes API.',
  references: [REF.hostPath, REF.nsa, REF.cis('5.2.12', 'Minimize the admission of HostPath volumes')],
  check: perPod(
    (spec) => hasHostPathVolume(spec) && hostPathVolumes(spec).some((v) => exposedRuntimeSocket(v.path) !== undefined),
    (spec) =>
      hostPathVolumes(spec)
        .filter((v) => exposedRuntimeSocket(v.path) !== undefined)
        .map((v) => {
          const socket = exposedRuntimeSocket(v.path)!;
          const how =
            socket === v.path
              ? `mounts the container runtime socket ${JSON.stringify(socket)}`
              : `mounts host path ${JSON.stringify(v.path)}, which holds the container runtime socket ${JSON.stringify(socket)}`;
          return { detail: `volume ${JSON.stringify(v.name)} ${how}`, fields: [`spec.volumes[${v.index}].hostPath.path`] };
        }),
  ),
};
