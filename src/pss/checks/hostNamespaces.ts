/*
Sharing the host namespaces must be disallowed.

Restricted Fields:
spec.hostNetwork
spec.hostPID
spec.hostIPC

Allowed Values: undefined, false

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_hostNamespaces.go
*/

import { ALLOWED, forbidden, type PssCheck } from '../check';

export const hostNamespaces: PssCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  title: 'Host Namespaces',
  description: 'Sharing the host namespaces must be disallowed.',
  versions: [
    {
      since: 'v1.0',
      check(_meta, spec) {
        const network = spec.hostNetwork === true;
        const pid = spec.hostPID === true;
        const ipc = spec.hostIPC === true;
        if (!network && !pid && !ipc) return ALLOWED;
        const shared: string[] = [];
        const fields: string[] = [];
        if (network) {
          shared.push('hostNetwork=true');
          fields.push('spec.hostNetwork');
        }
        if (pid) {
          shared.push('hostPID=true');
          fields.push('spec.hostPID');
        }
        if (ipc) {
          shared.push('hostIPC=true');
          fields.push('spec.hostIPC');
        }
        return forbidden('host namespaces', shared.join(', '), fields);
      },
    },
  ],
};
