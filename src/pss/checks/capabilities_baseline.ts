// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const capabilities_baseline: PssCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  title: 'capabilities_baseline',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
