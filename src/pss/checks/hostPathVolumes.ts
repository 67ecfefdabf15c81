/*
HostPath volumes must be forbidden.

Restricted Fields:
spec.volumes[*].hostPath

Allowed Values: undefined/null

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_hostPathVolumes.go
(At restricted, restrictedVolumes replaces this check at every version.)
*/

import { ALLOWED, forbidden, type PssCheck } from '../check';
import type { Volume } from '../../k8s/types';
import { joinQuote, pluralize } from '../helpers';

/** A volume whose hostPath is set (to anything but null, which the API reads as unset). */
function isHostPath(v: unknown): boolean {
  return v !== null && typeof v === 'object' && (v as Volume).hostPath !== undefined && (v as Volume).hostPath !== null;
}

export const hostPathVolumes: PssCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  title: 'HostPath Volumes',
  description: 'HostPath volumes must be forbidden.',
  versions: [
    {
      since: 'v1.0',
      check(_meta, spec) {
        const volumes: unknown = spec.volumes;
        if (!Array.isArray(volumes)) return ALLOWED;
        let first = -1;
        for (let i = 0; i < volumes.length; i++) {
          if (isHostPath(volumes[i])) {
            first = i;
            break;
          }
        }
        if (first < 0) return ALLOWED;
        const names: string[] = [];
        const fields: string[] = [];
        for (let i = first; i < volumes.length; i++) {
          const v: unknown = volumes[i];
          if (!isHostPath(v)) continue;
          const name = (v as Volume).name;
          names.push(typeof name === 'string' ? name : '');
          fields.push(`spec.volumes[${i}].hostPath`);
        }
        return forbidden('hostPath volumes', `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`, fields);
      },
    },
  ],
};
