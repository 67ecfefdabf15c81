// hostNamespaces, in CEL: src/pss/checks/hostNamespaces.ts.
import type { CelCheck } from '../generator';

const SHARED = ['hostNetwork', 'hostPID', 'hostIPC'].map((f) => `(object.spec.?${f}.orValue(false) ? ['${f}=true'] : [])`).join(' + ');

export const hostNamespaces: CelCheck = {
  id: 'hostNamespaces',
  versions: [{ since: 'v1.0', violation: `((${SHARED}).size() > 0 ? 'host namespaces (' + (${SHARED}).join(', ') + ')' : '')` }],
};
