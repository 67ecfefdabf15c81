// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const appArmorProfile: PssCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  title: 'appArmorProfile',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
