// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const capabilities_restricted: PssCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  title: 'capabilities_restricted',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
