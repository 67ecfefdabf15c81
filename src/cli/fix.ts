// TODO: not yet implemented — placeholder so the command table compiles while it is written.
import type { Command } from './command';
import { UsageError } from './usage-error';

export const fixCommand: Command = {
  name: 'fix',
  synopsis: 'fix',
  summary: '(not implemented yet)',
  help: 'Usage: podguard fix (not implemented yet)\n',
  run() {
    return Promise.reject(new UsageError('"fix" is not implemented yet'));
  },
};
