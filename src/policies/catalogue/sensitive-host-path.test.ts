import { policyCases } from '../../../test/support/policy-cases';
import { sensitiveHostPath } from './sensitive-host-path';

policyCases(sensitiveHostPath, [
  { name: 'application data', spec: { volumes: [{ name: 'v', hostPath: { path: '/mnt/disks/ssd0' } }], containers: [{ name: 'a' }] } },
  { name: 'a device under /dev is not /dev', spec: { volumes: [{ name: 'v', hostPath: { path: '/dev/fuse' } }], containers: [{ name: 'a' }] } },
  {
    name: 'the root filesystem',
    spec: { volumes: [{ name: 'host', hostPath: { path: '/' } }], containers: [{ name: 'a' }] },
    findings: [{ detail: 'volume "host" mounts host path "/": the node\'s whole filesystem', fields: ['spec.volumes[0].hostPath.path'] }],
  },
  {
    name: 'inside /etc, and a parent of /var/lib/kubelet, via ..',
    spec: {
      volumes: [
        { name: 'pki', hostPath: { path: '/etc/kubernetes/pki' } },
        { name: 'var', hostPath: { path: '/var/lib/../lib' } },
      ],
      containers: [{ name: 'a' }],
    },
    findings: [
      {
        detail: 'volume "pki" mounts host path "/etc/kubernetes/pki": the node\'s configuration, credentials and kubelet/kubeadm PKI',
        fields: ['spec.volumes[0].hostPath.path'],
      },
      {
        detail: 'volume "var" mounts host path "/var/lib": it contains /var/lib/kubelet: every pod\'s volumes, secrets and the kubelet\'s credentials',
        fields: ['spec.volumes[1].hostPath.path'],
      },
    ],
  },
]);
