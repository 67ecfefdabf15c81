// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const seLinuxOptions: PssCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  title: 'seLinuxOptions',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
