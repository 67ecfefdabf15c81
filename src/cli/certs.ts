// TODO: not yet implemented — placeholder so the command table compiles while it is written.
import type { Command } from './command';
import { UsageError } from './usage-error';

export const certsCommand: Command = {
  name: 'certs',
  synopsis: 'certs',
  summary: '(not implemented yet)',
  help: 'Usage: podguard certs (not implemented yet)\n',
  run() {
    return Promise.reject(new UsageError('"certs" is not implemented yet'));
  },
};
