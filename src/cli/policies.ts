// TODO: not yet implemented — placeholder so the command table compiles while it is written.
import type { Command } from './command';
import { UsageError } from './usage-error';

export const policiesCommand: Command = {
  name: 'policies',
  synopsis: 'policies',
  summary: '(not implemented yet)',
  help: 'Usage: podguard policies (not implemented yet)\n',
  run() {
    return Promise.reject(new UsageError('"policies" is not implemented yet'));
  },
};
