import { checkCases } from '../../../test/support/check-cases';
import { hostPathVolumes } from './hostPathVolumes';

checkCases(hostPathVolumes, [
  { name: 'no volumes', version: 'v1.0', spec: {} },
  {
    name: 'other volume sources are allowed',
    version: 'v1.37',
    spec: {
      volumes: [
        { name: 'a', emptyDir: {} },
        { name: 'b', secret: { secretName: 's' } },
      ],
    },
  },
  { name: 'hostPath: null reads as unset', version: 'v1.37', spec: { volumes: [{ name: 'a', hostPath: null as never }] } },
  {
    name: 'host path volumes',
    version: 'v1.0',
    spec: {
      volumes: [
        { name: 'a', hostPath: {} },
        { name: 'b', hostPath: {} },
        { name: 'c', emptyDir: {} },
      ],
    },
    forbidden: { reason: 'hostPath volumes', detail: 'volumes "a", "b"', fields: ['spec.volumes[0].hostPath', 'spec.volumes[1].hostPath'] },
  },
  {
    name: 'one host path volume after others',
    version: 'v1.37',
    spec: {
      volumes: [
        { name: 'c', emptyDir: {} },
        { name: 'host', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } },
      ],
    },
    forbidden: { reason: 'hostPath volumes', detail: 'volume "host"', fields: ['spec.volumes[1].hostPath'] },
  },
  {
    name: 'a volume without a name prints as the empty string',
    version: 'v1.37',
    spec: { volumes: [{ hostPath: { path: '/' } }] },
    forbidden: { reason: 'hostPath volumes', detail: 'volume ""', fields: ['spec.volumes[0].hostPath'] },
  },
]);
