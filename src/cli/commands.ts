// The table of podguard's commands: one module each in this folder. Modules load only when
// their command runs (or help lists them): `serve` and `audit` pull in HTTPS, metrics and the
// Kubernetes client, which would otherwise slow every `scan` down at start-up.

/* eslint-disable @typescript-eslint/no-require-imports */
import type { Command } from './command';

const LOADERS: Readonly<Record<string, () => Command>> = {
  scan: () => (require('./scan') as typeof import('./scan')).scanCommand,
  fix: () => (require('./fix') as typeof import('./fix')).fixCommand,
  audit: () => (require('./audit') as typeof import('./audit')).auditCommand,
  serve: () => (require('./serve') as typeof import('./serve')).serveCommand,
  certs: () => (require('./certs') as typeof import('./certs')).certsCommand,
  policies: () => (require('./policies') as typeof import('./policies')).policiesCommand,
  exceptions: () => (require('./exceptions') as typeof import('./exceptions')).exceptionsCommand,
  rbac: () => (require('./rbac') as typeof import('./rbac')).rbacCommand,
  psp: () => (require('./psp') as typeof import('./psp')).pspCommand,
  vap: () => (require('./vap') as typeof import('./vap')).vapCommand,
  profiles: () => (require('./profiles') as typeof import('./profiles')).profilesCommand,
};

export const COMMAND_NAMES: readonly string[] = Object.keys(LOADERS);

/** The command called `name`, loaded on first use, or undefined when there is none. */
export function loadCommand(name: string): Command | undefined {
  return Object.prototype.hasOwnProperty.call(LOADERS, name) ? LOADERS[name]!() : undefined;
}

/** Every command, for the overall help. */
export function allCommands(): Command[] {
  return COMMAND_NAMES.map((n) => LOADERS[n]!());
}
