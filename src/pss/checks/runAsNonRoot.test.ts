import { checkCases } from '../../../test/support/check-cases';
import { runAsNonRoot } from './runAsNonRoot';

const REASON = 'runAsNonRoot != true';

checkCases(runAsNonRoot, [
  {
    name: 'pod-level true covers containers that set nothing',
    version: 'v1.0',
    spec: { securityContext: { runAsNonRoot: true }, containers: [{ name: 'a' }, { name: 'b', securityContext: {} }] },
  },
  {
    name: 'containers that all set true need nothing at pod level',
    version: 'v1.0',
    spec: { containers: [{ name: 'a', securityContext: { runAsNonRoot: true } }], initContainers: [{ name: 'i', securityContext: { runAsNonRoot: true } }] },
  },
  {
    name: 'nothing set anywhere',
    version: 'v1.0',
    spec: { containers: [{ name: 'a' }] },
    forbidden: {
      reason: REASON,
      detail: 'pod or container "a" must set securityContext.runAsNonRoot=true',
      fields: ['spec.securityContext.runAsNonRoot', 'spec.containers[0].securityContext.runAsNonRoot'],
    },
  },
  {
    name: 'pod sets false',
    version: 'v1.0',
    spec: { securityContext: { runAsNonRoot: false }, containers: [{ name: 'a' }] },
    forbidden: { reason: REASON, detail: 'pod must not set securityContext.runAsNonRoot=false', fields: ['spec.securityContext.runAsNonRoot'] },
  },
  {
    name: 'containers set false under a pod-level true',
    version: 'v1.0',
    spec: {
      securityContext: { runAsNonRoot: true },
      containers: [
        { name: 'a' },
        { name: 'b', securityContext: {} },
        { name: 'c', securityContext: { runAsNonRoot: false } },
        { name: 'd', securityContext: { runAsNonRoot: false } },
        { name: 'e', securityContext: { runAsNonRoot: true } },
      ],
    },
    forbidden: {
      reason: REASON,
      detail: 'containers "c", "d" must not set securityContext.runAsNonRoot=false',
      fields: ['spec.containers[2].securityContext.runAsNonRoot', 'spec.containers[3].securityContext.runAsNonRoot'],
    },
  },
  {
    name: 'no pod level: containers that set nothing fall through',
    version: 'v1.0',
    spec: {
      containers: [
        { name: 'a' },
        { name: 'b', securityContext: {} },
        { name: 'd', securityContext: { runAsNonRoot: true } },
        { name: 'e', securityContext: { runAsNonRoot: true } },
      ],
    },
    forbidden: {
      reason: REASON,
      detail: 'pod or containers "a", "b" must set securityContext.runAsNonRoot=true',
      fields: ['spec.securityContext.runAsNonRoot', 'spec.containers[0].securityContext.runAsNonRoot', 'spec.containers[1].securityContext.runAsNonRoot'],
    },
  },
  {
    name: 'explicit false wins over unset containers, and pod and containers are joined with "and"',
    version: 'v1.37',
    spec: {
      securityContext: { runAsNonRoot: false },
      initContainers: [{ name: 'init', securityContext: { runAsNonRoot: false } }],
      containers: [{ name: 'unset' }],
      ephemeralContainers: [{ name: 'debug', securityContext: { runAsNonRoot: false } }],
    },
    forbidden: {
      reason: REASON,
      detail: 'pod and containers "init", "debug" must not set securityContext.runAsNonRoot=false',
      fields: [
        'spec.securityContext.runAsNonRoot',
        'spec.initContainers[0].securityContext.runAsNonRoot',
        'spec.ephemeralContainers[0].securityContext.runAsNonRoot',
      ],
    },
  },
  {
    name: 'a mistyped "true" counts as unset',
    version: 'v1.0',
    spec: { securityContext: { runAsNonRoot: 'true' as never }, containers: [{ name: 'a', securityContext: { runAsNonRoot: 'true' as never } }] },
    forbidden: {
      reason: REASON,
      detail: 'pod or container "a" must set securityContext.runAsNonRoot=true',
      fields: ['spec.securityContext.runAsNonRoot', 'spec.containers[0].securityContext.runAsNonRoot'],
    },
  },
  {
    name: 'before v1.35, hostUsers=false does not relax the check',
    version: 'v1.34',
    spec: { hostUsers: false, containers: [{ name: 'a' }] },
    forbidden: {
      reason: REASON,
      detail: 'pod or container "a" must set securityContext.runAsNonRoot=true',
      fields: ['spec.securityContext.runAsNonRoot', 'spec.containers[0].securityContext.runAsNonRoot'],
    },
  },
  { name: 'from v1.35, a pod in a user namespace is allowed', version: 'v1.35', spec: { hostUsers: false } },
  {
    name: 'from v1.35, a pod in a user namespace is allowed even when it sets false',
    version: 'v1.37',
    spec: { hostUsers: false, securityContext: { runAsNonRoot: false }, containers: [{ name: 'a', securityContext: { runAsNonRoot: false } }] },
  },
  {
    name: 'v1.35 with hostUsers=true',
    version: 'v1.35',
    spec: { hostUsers: true, containers: [{ name: 'a' }] },
    forbidden: {
      reason: REASON,
      detail: 'pod or container "a" must set securityContext.runAsNonRoot=true',
      fields: ['spec.securityContext.runAsNonRoot', 'spec.containers[0].securityContext.runAsNonRoot'],
    },
  },
]);
