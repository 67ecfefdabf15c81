import { policyCases } from '../../../test/support/policy-cases';
import { containerRuntimeSocket } from './container-runtime-socket';

policyCases(containerRuntimeSocket, [
  { name: 'no hostPath', spec: { volumes: [{ name: 'v', emptyDir: {} }], containers: [{ name: 'a' }] } },
  { name: 'an unrelated hostPath', spec: { volumes: [{ name: 'v', hostPath: { path: '/var/lib/app-data' } }], containers: [{ name: 'a' }] } },
  { name: '/ is reported by sensitive-host-path instead', spec: { volumes: [{ name: 'v', hostPath: { path: '/' } }], containers: [{ name: 'a' }] } },
  {
    name: 'the docker socket',
    spec: { volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } }], containers: [{ name: 'a' }] },
    findings: [{ detail: 'volume "docker" mounts the container runtime socket "/var/run/docker.sock"', fields: ['spec.volumes[0].hostPath.path'] }],
  },
  {
    name: 'a directory holding the containerd socket, written unnormalised',
    spec: {
      volumes: [
        { name: 'ok', emptyDir: {} },
        { name: 'run', hostPath: { path: '/run//containerd/' } },
      ],
      containers: [{ name: 'a' }],
    },
    findings: [
      {
        detail: 'volume "run" mounts host path "/run/containerd", which holds the container runtime socket "/run/containerd/containerd.sock"',
        fields: ['spec.volumes[1].hostPath.path'],
      },
    ],
  },
]);
