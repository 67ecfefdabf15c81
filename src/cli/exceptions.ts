// TODO: not yet implemented — placeholder so the command table compiles while it is written.
import type { Command } from './command';
import { UsageError } from './usage-error';

export const exceptionsCommand: Command = {
  name: 'exceptions',
  synopsis: 'exceptions',
  summary: '(not implemented yet)',
  help: 'Usage: podguard exceptions (not implemented yet)\n',
  run() {
    return Promise.reject(new UsageError('"exceptions" is not implemented yet'));
  },
};
