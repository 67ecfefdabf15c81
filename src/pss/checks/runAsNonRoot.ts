// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const runAsNonRoot: PssCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  title: 'runAsNonRoot',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
