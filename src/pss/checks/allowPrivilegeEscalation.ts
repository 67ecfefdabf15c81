// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const allowPrivilegeEscalation: PssCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  title: 'allowPrivilegeEscalation',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
