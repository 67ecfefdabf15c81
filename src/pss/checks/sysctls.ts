// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const sysctls: PssCheck = {
  id: 'sysctls',
  level: 'baseline',
  title: 'sysctls',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
