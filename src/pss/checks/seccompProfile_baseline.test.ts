import { checkCases } from '../../../test/support/check-cases';
import type { Container } from '../../k8s/types';
import { seccompProfile_baseline } from './seccompProfile_baseline';

const POD = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const withType = (name: string, type: string): Container => ({ name, securityContext: { seccompProfile: { type } } });
const threeContainers = { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };

checkCases(seccompProfile_baseline, [
  // v1.0 – v1.18: the alpha annotations.
  { name: 'no annotations', version: 'v1.0', spec: threeContainers },
  {
    name: 'allowed annotation values',
    version: 'v1.0',
    meta: { annotations: { [POD]: 'runtime/default', [`${CONTAINER}a`]: 'docker/default', [`${CONTAINER}b`]: 'localhost/profile.json', other: 'unconfined' } },
    spec: threeContainers,
  },
  {
    name: 'an annotation for a container that does not exist is ignored',
    version: 'v1.0',
    meta: { annotations: { [`${CONTAINER}zzz`]: 'unconfined' } },
    spec: threeContainers,
  },
  {
    name: 'pod annotation unconfined',
    version: 'v1.0',
    meta: { annotations: { [POD]: 'unconfined' } },
    spec: {},
    forbidden: { reason: 'seccompProfile', detail: `forbidden annotation ${POD}="unconfined"`, fields: [`metadata.annotations["${POD}"]`] },
  },
  {
    name: 'container annotations, sorted',
    version: 'v1.0',
    meta: { annotations: { [`${CONTAINER}b`]: 'unknown', [`${CONTAINER}a`]: 'unconfined' } },
    spec: threeContainers,
    forbidden: {
      reason: 'seccompProfile',
      detail: `forbidden annotations ${CONTAINER}a="unconfined", ${CONTAINER}b="unknown"`,
      fields: [`metadata.annotations["${CONTAINER}a"]`, `metadata.annotations["${CONTAINER}b"]`],
    },
  },
  {
    name: 'pod and container annotations, sorted as strings; values quoted like Go',
    version: 'v1.18',
    meta: { annotations: { [POD]: 'unconfined', [`${CONTAINER}a`]: 'unconfined', [`${CONTAINER}b`]: 'x"y' } },
    spec: threeContainers,
    forbidden: {
      reason: 'seccompProfile',
      detail: `forbidden annotations ${CONTAINER}a="unconfined", ${CONTAINER}b="x\\"y", ${POD}="unconfined"`,
      fields: [`metadata.annotations["${CONTAINER}a"]`, `metadata.annotations["${CONTAINER}b"]`, `metadata.annotations["${POD}"]`],
    },
  },
  {
    name: 'non-printable runes in annotation values are escaped as Go %q does',
    version: 'v1.0',
    meta: { annotations: { [POD]: 'un\u2029confined\x7f' } },
    spec: {},
    forbidden: { reason: 'seccompProfile', detail: `forbidden annotation ${POD}="un\\u2029confined\\x7f"`, fields: [`metadata.annotations["${POD}"]`] },
  },
  {
    name: 'an empty annotation value is forbidden',
    version: 'v1.0',
    meta: { annotations: { [POD]: '' } },
    spec: {},
    forbidden: { reason: 'seccompProfile', detail: `forbidden annotation ${POD}=""`, fields: [`metadata.annotations["${POD}"]`] },
  },
  { name: 'v1.0 ignores seccompProfile fields', version: 'v1.18', spec: { securityContext: { seccompProfile: { type: 'Unconfined' } } } },
  // v1.19+: the seccompProfile fields.
  { name: 'v1.19 ignores the annotations', version: 'v1.19', meta: { annotations: { [POD]: 'unconfined' } }, spec: threeContainers },
  {
    name: 'unset, RuntimeDefault and Localhost',
    version: 'v1.19',
    spec: {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'a' }, withType('b', 'Localhost'), { name: 'c', securityContext: {} }],
    },
  },
  {
    name: 'pod Unconfined',
    version: 'v1.19',
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [{ name: 'a' }] },
    forbidden: {
      reason: 'seccompProfile',
      detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"',
      fields: ['spec.securityContext.seccompProfile.type'],
    },
  },
  {
    name: 'two containers Unconfined',
    version: 'v1.19',
    spec: {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        { name: 'a' },
        { name: 'b', securityContext: {} },
        withType('c', 'Unconfined'),
        withType('d', 'Unconfined'),
        withType('e', 'RuntimeDefault'),
      ],
    },
    forbidden: {
      reason: 'seccompProfile',
      detail: 'containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined"',
      fields: ['spec.containers[2].securityContext.seccompProfile.type', 'spec.containers[3].securityContext.seccompProfile.type'],
    },
  },
  {
    name: 'pod and containers; values sorted and deduplicated, a missing type is ""',
    version: 'v1.37',
    spec: {
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      initContainers: [{ name: 'i', securityContext: { seccompProfile: {} } }],
      containers: [withType('c', 'Unconfined'), withType('d', 'Bogus')],
    },
    forbidden: {
      reason: 'seccompProfile',
      detail: 'pod and containers "i", "c", "d" must not set securityContext.seccompProfile.type to "", "Bogus", "Unconfined"',
      fields: [
        'spec.securityContext.seccompProfile.type',
        'spec.initContainers[0].securityContext.seccompProfile.type',
        'spec.containers[0].securityContext.seccompProfile.type',
        'spec.containers[1].securityContext.seccompProfile.type',
      ],
    },
  },
  { name: 'a null seccompProfile is unset', version: 'v1.37', spec: { securityContext: { seccompProfile: null as unknown as undefined } } },
]);
