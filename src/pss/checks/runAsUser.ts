// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const runAsUser: PssCheck = {
  id: 'runAsUser',
  level: 'restricted',
  title: 'runAsUser',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
