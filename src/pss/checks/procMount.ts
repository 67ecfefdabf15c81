// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const procMount: PssCheck = {
  id: 'procMount',
  level: 'baseline',
  title: 'procMount',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
