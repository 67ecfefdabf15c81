// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const procMount_restricted: PssCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  title: 'procMount_restricted',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
