// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const seccompProfile_restricted: PssCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  title: 'seccompProfile_restricted',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
