// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const hostProbesAndHostLifecycle: PssCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  title: 'hostProbesAndHostLifecycle',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
