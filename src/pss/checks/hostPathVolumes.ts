// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const hostPathVolumes: PssCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  title: 'hostPathVolumes',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
