import { policyCases } from '../../../test/support/policy-cases';
import { nodeEscapeHostRootHostPid } from './node-escape-host-root-host-pid';

policyCases(nodeEscapeHostRootHostPid, [
  { name: 'host root without hostPID', spec: { volumes: [{ name: 'host', hostPath: { path: '/' } }], containers: [{ name: 'a' }] } },
  { name: 'hostPID with a harmless hostPath', spec: { hostPID: true, volumes: [{ name: 'd', hostPath: { path: '/data' } }], containers: [{ name: 'a' }] } },
  {
    name: 'both (the root written as /.)',
    spec: {
      hostPID: true,
      volumes: [
        { name: 'e', emptyDir: {} },
        { name: 'host', hostPath: { path: '/.' } },
      ],
      containers: [{ name: 'a' }],
    },
    findings: [
      {
        detail:
          'pod sets hostPID=true and mounts the node\'s root filesystem (volume "host"): chroot into it and add a systemd unit or cron job to run commands as root on the node',
        fields: ['spec.hostPID', 'spec.volumes[1].hostPath.path'],
      },
    ],
  },
]);
