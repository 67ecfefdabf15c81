// TODO: not yet implemented — placeholder so the registry compiles while the check is written.
import { ALLOWED, type PssCheck } from '../check';

export const hostNamespaces: PssCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  title: 'hostNamespaces',
  description: '',
  versions: [{ since: 'v1.0', check: () => ALLOWED }],
};
