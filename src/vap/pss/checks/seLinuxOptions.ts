// seLinuxOptions, in CEL: src/pss/checks/seLinuxOptions.ts (its allowed types are used as they are).
import { ALLOWED_TYPES_1_0, ALLOWED_TYPES_1_31 } from '../../../pss/checks/seLinuxOptions';
import { anyContainer, badSetters, flatMapContainers, joinQuote, namesWhere, pluralize, strList } from '../cel';
import type { CelCheck } from '../generator';

const POD = 'object.spec.?securityContext.?seLinuxOptions';
const CONTAINER = 'c.?securityContext.?seLinuxOptions';

function allowingTypes(allowedTypes: ReadonlySet<string>): string {
  const allowed = strList([...allowedTypes].sort());
  // Unset type, user and role read as '', which is allowed: no presence test is needed.
  const badType = (o: string) => `!(${o}.?type.orValue('') in ${allowed})`;
  const bad = (o: string) => `(${badType(o)} || ${o}.?user.orValue('') != '' || ${o}.?role.orValue('') != '')`;
  const names = namesWhere(bad(CONTAINER));
  const types = `((${badType(POD)} ? [${POD}.?type.orValue('')] : []) + ${flatMapContainers(`(${badType(CONTAINER)} ? [${CONTAINER}.?type.orValue('')] : [])`)}).distinct().sort()`;
  const setUser = `(${POD}.?user.orValue('') != '' || ${anyContainer(`${CONTAINER}.?user.orValue('') != ''`)})`;
  const setRole = `(${POD}.?role.orValue('') != '' || ${anyContainer(`${CONTAINER}.?role.orValue('') != ''`)})`;
  const problems =
    `((${types}.size() > 0 ? [${pluralize('type', 'types', types)} + ' ' + ${joinQuote(types)}] : []) + ` +
    `(${setUser} ? ['user may not be set'] : []) + (${setRole} ? ['role may not be set'] : [])).join('; ')`;
  const denied = `${bad(POD)} || ${anyContainer(bad(CONTAINER))}`;
  return `(${denied} ? 'seLinuxOptions (' + ${badSetters(bad(POD), names)} + ' set forbidden securityContext.seLinuxOptions: ' + ${problems} + ')' : '')`;
}

export const seLinuxOptions: CelCheck = {
  id: 'seLinuxOptions',
  versions: [
    { since: 'v1.0', violation: allowingTypes(ALLOWED_TYPES_1_0) },
    { since: 'v1.31', violation: allowingTypes(ALLOWED_TYPES_1_31) },
  ],
};
