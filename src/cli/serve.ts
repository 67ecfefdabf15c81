// TODO: not yet implemented — placeholder so the command table compiles while it is written.
import type { Command } from './command';
import { UsageError } from './usage-error';

export const serveCommand: Command = {
  name: 'serve',
  synopsis: 'serve',
  summary: '(not implemented yet)',
  help: 'Usage: podguard serve (not implemented yet)\n',
  run() {
    return Promise.reject(new UsageError('"serve" is not implemented yet'));
  },
};
