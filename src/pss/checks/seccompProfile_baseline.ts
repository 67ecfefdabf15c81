// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const seccompProfile_baseline: PssCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  title: 'seccompProfile_baseline',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
