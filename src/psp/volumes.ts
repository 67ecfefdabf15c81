// Which volume types and host paths a policy allows. Upstream (v1.24.17): pkg/security/podsecuritypolicy/util/util.go
// (GetVolumeFSType, AllowsHostVolumePath, hasPathPrefix, IsOnlyServiceAccountTokenSources) and
// provider.go (validatePodVolumes, allowsVolumeType).

import { goValue, invalid, type FieldError } from './field-error';
import type { PspSpec } from './model';
import { asObject, containersWithPath, listOf, present, stringOf, type Json } from './strategies/pod-json';

/** GetVolumeFSType's order: the first source set names the type (policy FSType, then the pod's JSON key where it differs). */
const VOLUME_TYPES: readonly (readonly [fsType: string, key: string])[] = [
  ['hostPath', 'hostPath'],
  ['emptyDir', 'emptyDir'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['gitRepo', 'gitRepo'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['flexVolume', 'flexVolume'],
  ['cinder', 'cinder'],
  ['cephFS', 'cephfs'],
  ['flocker', 'flocker'],
  ['downwardAPI', 'downwardAPI'],
  ['fc', 'fc'],
  ['azureFile', 'azureFile'],
  ['configMap', 'configMap'],
  ['vsphereVolume', 'vsphereVolume'],
  ['quobyte', 'quobyte'],
  ['azureDisk', 'azureDisk'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['portworxVolume', 'portworxVolume'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
];

export const ALL_FS_TYPES: readonly string[] = VOLUME_TYPES.map(([t]) => t);

/** The volume's policy type, or undefined for a volume with no source (the API server defaults that to emptyDir before admission). */
export function volumeFSType(v: Json): string | undefined {
  for (const [fsType, key] of VOLUME_TYPES) if (present(v[key])) return fsType;
  return undefined;
}

function hasPathPrefix(path: string, prefix: string): boolean {
  const s = path.endsWith('/') ? path.slice(0, -1) : path;
  const p = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (!s.startsWith(p)) return false;
  return s.length === p.length || s[p.length] === '/';
}

/** AllowsHostVolumePath: allowed, and whether only read-only. */
export function allowsHostPath(spec: PspSpec, path: string): { allowed: boolean; readOnly: boolean } {
  if (spec.allowedHostPaths.length === 0) return { allowed: true, readOnly: false };
  let allowed = false;
  let readOnly = false;
  for (const a of spec.allowedHostPaths) {
    if (!hasPathPrefix(path, a.pathPrefix)) continue;
    if (!a.readOnly) return { allowed: true, readOnly: false };
    allowed = true;
    readOnly = true;
  }
  return { allowed, readOnly };
}

/** IsOnlyServiceAccountTokenSources: the projected volume kube-apiserver injects for a service account token. */
function onlyServiceAccountTokenSources(projected: Json): boolean {
  for (const raw of listOf<unknown>(projected.sources) ?? []) {
    const s = asObject(raw) ?? {};
    const token = asObject(s.serviceAccountToken);
    const cm = asObject(s.configMap);
    const dapi = asObject(s.downwardAPI);
    if (!token && !cm && !dapi) return false;
    if (token && (stringOf(token.path) !== 'token' || stringOf(token.audience) !== '')) return false;
    if (cm && stringOf(cm.name) !== 'kube-root-ca.crt') return false;
    if (dapi) {
      for (const rawItem of listOf<unknown>(dapi.items) ?? []) {
        const d = asObject(rawItem) ?? {};
        const ref = asObject(d.fieldRef);
        if (stringOf(d.path) !== 'namespace' || !ref || stringOf(ref.apiVersion) !== 'v1' || stringOf(ref.fieldPath) !== 'metadata.namespace') return false;
      }
    }
  }
  return true;
}

export function allowsAllVolumes(spec: PspSpec): boolean {
  return spec.volumes.includes('*');
}

export function validatePodVolumes(spec: PspSpec, podSpec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const volumes = listOf<unknown>(podSpec.volumes) ?? [];
  const all = allowsAllVolumes(spec);
  volumes.forEach((raw, i) => {
    const v = asObject(raw) ?? {};
    const path = `spec.volumes[${i}]`;
    // A volume with no source never reaches admission (defaulted to emptyDir): treat it as one.
    const fsType = volumeFSType(v) ?? 'emptyDir';
    const allowed =
      spec.volumes.includes(fsType) ||
      (spec.volumes.includes('secret') && fsType === 'projected' && onlyServiceAccountTokenSources(asObject(v.projected) ?? {}));
    if (!all && !allowed) {
      errs.push(invalid(path, goValue.string(fsType), `${fsType} volumes are not allowed to be used`));
      return;
    }
    if (fsType === 'hostPath') {
      const hostPath = stringOf(asObject(v.hostPath)?.path);
      const { allowed: ok, readOnly } = allowsHostPath(spec, hostPath);
      if (!ok) errs.push(invalid(`${path}.hostPath.pathPrefix`, goValue.string(hostPath), 'is not allowed to be used'));
      else if (readOnly) {
        for (const { container, path: cPath } of containersWithPath(podSpec)) {
          (listOf<unknown>(container.volumeMounts) ?? []).forEach((m, j) => {
            const mount = asObject(m) ?? {};
            if (stringOf(mount.name) === stringOf(v.name) && mount.readOnly !== true)
              errs.push(invalid(`${cPath}.volumeMounts[${j}].readOnly`, goValue.bool(false), 'must be read-only'));
          });
        }
      }
    } else if (fsType === 'flexVolume' && spec.allowedFlexVolumes.length > 0) {
      const driver = stringOf(asObject(v.flexVolume)?.driver);
      if (!spec.allowedFlexVolumes.some((f) => f.driver === driver))
        errs.push(invalid(`${path}.driver`, goValue.string(driver), 'Flexvolume driver is not allowed to be used'));
    } else if (fsType === 'csi' && spec.allowedCSIDrivers.length > 0) {
      // The CSIInlineVolume feature gate is on by default in v1.24.
      const driver = stringOf(asObject(v.csi)?.driver);
      if (!spec.allowedCSIDrivers.some((d) => d.name === driver))
        errs.push(invalid(`${path}.csi.driver`, goValue.string(driver), 'Inline CSI driver is not allowed to be used'));
    }
  });
  return errs;
}
