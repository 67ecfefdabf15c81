// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const restrictedVolumes: PssCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  title: 'restrictedVolumes',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
