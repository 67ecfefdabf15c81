// appArmorProfile, in CEL: src/pss/checks/appArmorProfile.ts (fields and the beta annotations).
import { anyContainer, flatMapContainers, goQuote, joinQuote, namesWhere, quotedContainers } from '../cel';
import type { CelCheck } from '../generator';

const GOOD = "['RuntimeDefault', 'Localhost']";
const POD_PROFILE = 'object.spec.?securityContext.?appArmorProfile';
const POD_BAD = `(${POD_PROFILE}.hasValue() && !(${POD_PROFILE}.?type.orValue('') in ${GOOD}))`;
const C_PROFILE = 'c.?securityContext.?appArmorProfile';
const C_BAD = `${C_PROFILE}.hasValue() && !(${C_PROFILE}.?type.orValue('') in ${GOOD})`;
const ANNOTATIONS = 'object.metadata.?annotations.orValue({})';
const VALUE = `${ANNOTATIONS}[k]`;
const BAD_KEYS =
  `${ANNOTATIONS}.filter(k, k.startsWith('container.apparmor.security.beta.kubernetes.io/') && ` +
  `!(${VALUE} == '' || ${VALUE} == 'runtime/default' || ${VALUE}.startsWith('localhost/')))`;
// The types form a sorted set; the annotations (key=%q) follow, sorted among themselves.
const TYPES = `((${POD_BAD} ? [${POD_PROFILE}.?type.orValue('')] : []) + ${flatMapContainers(`(${C_BAD} ? [${C_PROFILE}.?type.orValue('')] : [])`)}).distinct().sort()`;
const BAD_VALUES = `(${TYPES} + ${BAD_KEYS}.map(k, k + '=' + ${goQuote(VALUE)}).sort())`;
const NAMES = namesWhere(C_BAD);
const SETTERS =
  `((${POD_BAD} ? ['pod'] : []) + (${NAMES}.size() > 0 ? [${quotedContainers(NAMES)}] : []) + ` +
  `(${BAD_KEYS}.size() > 0 ? [${BAD_KEYS}.size() == 1 ? 'annotation' : 'annotations'] : [])).join(' and ')`;

export const appArmorProfile: CelCheck = {
  id: 'appArmorProfile',
  versions: [
    {
      since: 'v1.0',
      violation:
        `(${POD_BAD} || ${anyContainer(C_BAD)} || ${BAD_KEYS}.size() > 0 ? ` +
        `(${BAD_VALUES}.size() == 1 ? 'forbidden AppArmor profile' : 'forbidden AppArmor profiles') + ' (' + ${SETTERS} + ` +
        `' must not set AppArmor profile type to ' + ${joinQuote(BAD_VALUES)} + ')' : '')`,
    },
  ],
};
