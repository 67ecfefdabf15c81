// seccompProfile_baseline, in CEL: src/pss/checks/seccompProfile_baseline.ts.
import { anyContainer, badSetters, flatMapContainers, goQuote, joinQuote, namesWhere, pluralize } from '../cel';
import type { CelCheck } from '../generator';

const ANNOTATIONS = 'object.metadata.?annotations.orValue({})';
// Before v1.19 seccomp was set with alpha annotations: the pod's and one per container name.
const KEYS = `(['seccomp.security.alpha.kubernetes.io/pod'] + ${flatMapContainers("['container.seccomp.security.alpha.kubernetes.io/' + c.name]")})`;
const VALID = (v: string) => `(${v} == 'runtime/default' || ${v} == 'docker/default' || ${v}.startsWith('localhost/'))`;
const BAD_ANNOTATIONS = `${KEYS}.filter(k, k in ${ANNOTATIONS} && !${VALID(`${ANNOTATIONS}[k]`)}).map(k, k + '=' + ${goQuote(`${ANNOTATIONS}[k]`)}).distinct().sort()`;
const V1_0 = `(${BAD_ANNOTATIONS}.size() > 0 ? 'seccompProfile (forbidden ' + ${pluralize('annotation', 'annotations', BAD_ANNOTATIONS)} + ' ' + ${BAD_ANNOTATIONS}.join(', ') + ')' : '')`;

const GOOD = "['RuntimeDefault', 'Localhost']";
const POD_PROFILE = 'object.spec.?securityContext.?seccompProfile';
const POD_BAD = `(${POD_PROFILE}.hasValue() && !(${POD_PROFILE}.?type.orValue('') in ${GOOD}))`;
const CONTAINER_BAD = `c.?securityContext.?seccompProfile.hasValue() && !(c.?securityContext.?seccompProfile.?type.orValue('') in ${GOOD})`;
const VALUES = `((${POD_BAD} ? [${POD_PROFILE}.?type.orValue('')] : []) + ${flatMapContainers(`(${CONTAINER_BAD} ? [c.?securityContext.?seccompProfile.?type.orValue('')] : [])`)}).distinct().sort()`;
const V1_19 =
  `(${POD_BAD} || ${anyContainer(CONTAINER_BAD)} ? 'seccompProfile (' + ${badSetters(POD_BAD, namesWhere(CONTAINER_BAD))} + ` +
  `' must not set securityContext.seccompProfile.type to ' + ${joinQuote(VALUES)} + ')' : '')`;

export const seccompProfile_baseline: CelCheck = {
  id: 'seccompProfile_baseline',
  versions: [
    { since: 'v1.0', violation: V1_0 },
    { since: 'v1.19', violation: V1_19 },
  ],
};
