// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const windowsHostProcess: PssCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  title: 'windowsHostProcess',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
