// podguard's entry point: dispatch to a command, turn usage errors into one line and exit 2.

import { scanCommand, SCAN_HELP } from './scan';
import { UsageError } from './usage-error';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = (require('../../../package.json') as { version: string }).version;

const HELP = `podguard ${VERSION} — keep Kubernetes pods inside the privileges they need

Usage: podguard <command> [options]

Commands:
  scan [PATH|-]...   evaluate manifests against the Pod Security Standards
  version            print podguard's version
  help [COMMAND]     show help for a command

Run "podguard <command> --help" for a command's options. podguard also works as a kubectl
plugin: "kubectl podguard scan ...".
`;

type Command = (argv: readonly string[]) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  scan: { run: scanCommand, help: SCAN_HELP },
};

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help') {
      process.stdout.write(HELP);
      return name === undefined ? 2 : 0;
    }
    if (name === 'version' || name === '--version') {
      process.stdout.write(`podguard ${VERSION}\n`);
      return 0;
    }
    if (name === 'help') {
      const topic = rest[0];
      process.stdout.write(topic && COMMANDS[topic] ? COMMANDS[topic].help : HELP);
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}: use one of ${Object.keys(COMMANDS).join(', ')} (see "podguard --help")`);
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`podguard: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
