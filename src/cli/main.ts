// podguard's entry point: dispatch to a command, turn usage errors into one line and exit 2.

import { allCommands, COMMAND_NAMES, loadCommand } from './commands';
import { normalizeArgv } from './conventions';
import { wantsHelp } from './options';
import { UsageError } from './usage-error';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const VERSION: string = (require('../../../package.json') as { version: string }).version;

function mainHelp(): string {
  const commands = allCommands();
  const width = Math.max(...commands.map((c) => c.synopsis.length), 'help [COMMAND]'.length) + 3;
  const lines = commands.map((c) => `  ${c.synopsis.padEnd(width)}${c.summary}`);
  return `podguard ${VERSION} — keep Kubernetes pods inside the privileges they need

Usage: podguard <command> [options]

Commands:
${lines.join('\n')}
  ${'version'.padEnd(width)}print podguard's version
  ${'help [COMMAND]'.padEnd(width)}show help for a command

Run "podguard <command> --help" for a command's options and examples. podguard also works as a
kubectl plugin: "kubectl podguard scan k8s/".
`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help') {
      (name === undefined ? process.stderr : process.stdout).write(mainHelp());
      return name === undefined ? 2 : 0;
    }
    if (name === 'version' || name === '--version') {
      process.stdout.write(`podguard ${VERSION}\n`);
      return 0;
    }
    if (name === 'help') {
      const topic = rest[0] === undefined ? undefined : loadCommand(rest[0]);
      if (rest[0] !== undefined && !topic) throw new UsageError(`no such command ${JSON.stringify(rest[0])}: use one of ${COMMAND_NAMES.join(', ')}`);
      process.stdout.write(topic ? topic.help : mainHelp());
      return 0;
    }
    const command = loadCommand(name);
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}: use one of ${COMMAND_NAMES.join(', ')} (see "podguard --help")`);
    if (wantsHelp(rest)) {
      process.stdout.write(command.help);
      return 0;
    }
    const normalized = normalizeArgv(name, rest);
    if (normalized.printVersion) {
      process.stdout.write(`podguard ${VERSION}\n`);
      return 0;
    }
    for (const w of normalized.warnings) process.stderr.write(`podguard: warning: ${w}\n`);
    return await command.run(normalized.argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`podguard: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
