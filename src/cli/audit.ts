// TODO: not yet implemented — placeholder so the command table compiles while it is written.
import type { Command } from './command';
import { UsageError } from './usage-error';

export const auditCommand: Command = {
  name: 'audit',
  synopsis: 'audit',
  summary: '(not implemented yet)',
  help: 'Usage: podguard audit (not implemented yet)\n',
  run() {
    return Promise.reject(new UsageError('"audit" is not implemented yet'));
  },
};
