import { checkCases } from '../../../test/support/check-cases';
import type { PodSpec } from '../../k8s/types';
import { procMount } from './procMount';

/** Upstream's table: a and b unset, c Default, d and e forbidden. */
function pod(hostUsers?: boolean): PodSpec {
  return {
    ...(hostUsers === undefined ? {} : { hostUsers }),
    containers: [
      { name: 'a' },
      { name: 'b', securityContext: {} },
      { name: 'c', securityContext: { procMount: 'Default' } },
      { name: 'd', securityContext: { procMount: 'Unmasked' } },
      { name: 'e', securityContext: { procMount: 'other' } },
    ],
  };
}

const DETAIL = 'containers "d", "e" must not set securityContext.procMount to "Unmasked", "other"';
const FIELDS = ['spec.containers[3].securityContext.procMount', 'spec.containers[4].securityContext.procMount'];

checkCases(procMount, [
  { name: 'unset and Default are allowed', version: 'v1.0', spec: { containers: [{ name: 'a' }, { name: 'c', securityContext: { procMount: 'Default' } }] } },
  { name: 'any value other than Default is forbidden', version: 'v1.0', spec: pod(), forbidden: { reason: 'procMount', detail: DETAIL, fields: FIELDS } },
  {
    name: 'before v1.35, hostUsers=false does not relax the check',
    version: 'v1.34',
    spec: pod(false),
    forbidden: { reason: 'procMount', detail: DETAIL, fields: FIELDS },
  },
  { name: 'v1.35, hostUsers=true', version: 'v1.35', spec: pod(true), forbidden: { reason: 'procMount', detail: DETAIL, fields: FIELDS } },
  { name: 'v1.35, hostUsers unset', version: 'v1.37', spec: pod(), forbidden: { reason: 'procMount', detail: DETAIL, fields: FIELDS } },
  { name: 'from v1.35, a pod in a user namespace may set any value', version: 'v1.35', spec: pod(false) },
  { name: 'from v1.35, hostUsers=false still relaxes at the newest version', version: 'v1.37', spec: pod(false) },
  {
    name: 'a mistyped hostUsers ("false") does not relax the check',
    version: 'v1.37',
    spec: { hostUsers: 'false' as never, containers: [{ name: 'a', securityContext: { procMount: 'Unmasked' } }] },
    forbidden: {
      reason: 'procMount',
      detail: 'container "a" must not set securityContext.procMount to "Unmasked"',
      fields: ['spec.containers[0].securityContext.procMount'],
    },
  },
  {
    name: 'init, regular and ephemeral containers; names in order, types as a sorted set',
    version: 'v1.0',
    spec: {
      ephemeralContainers: [{ name: 'dbg', securityContext: { procMount: '' } }],
      containers: [{ name: 'app', securityContext: { procMount: 'Unmasked' } }],
      initContainers: [{ name: 'init', securityContext: { procMount: 'Unmasked' } }],
    },
    forbidden: {
      reason: 'procMount',
      detail: 'containers "init", "app", "dbg" must not set securityContext.procMount to "", "Unmasked"',
      fields: [
        'spec.initContainers[0].securityContext.procMount',
        'spec.containers[0].securityContext.procMount',
        'spec.ephemeralContainers[0].securityContext.procMount',
      ],
    },
  },
  {
    name: 'mistyped input is not a procMount: null and non-string values, null security contexts',
    version: 'v1.0',
    spec: {
      containers: [
        { name: 'a', securityContext: { procMount: null as never } },
        { name: 'b', securityContext: { procMount: 1 as never } },
        { name: 'c', securityContext: null as never },
      ],
    },
  },
]);
