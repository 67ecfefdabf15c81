// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const hostPorts: PssCheck = {
  id: 'hostPorts',
  level: 'baseline',
  title: 'hostPorts',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
