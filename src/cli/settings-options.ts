// Command-line options every evaluating command shares (--config, --preset, --fail-on, --level,
// --pss-version), parsed in one place so fix, serve and audit take them the same way as scan.

import { oneOf, parseLevel, parseVersionOption } from './options';
import { UsageError } from './usage-error';
import type { PolicyRegistry } from '../policies/registry';
import { InventoryError, registryWithInventory } from '../profiles/inventory';

/** registryWithInventory, with an unreadable inventory as a usage error. */
export function inventoryRegistry(loaded: Parameters<typeof registryWithInventory>[0]): PolicyRegistry | undefined {
  try {
    return registryWithInventory(loaded);
  } catch (e) {
    if (e instanceof InventoryError) throw new UsageError(e.message);
    throw e;
  }
}
import { PRESETS, type Preset } from '../policies/presets';
import { SEVERITIES, type Severity } from '../policies/severity';
import { loadSettings, type LoadedSettings } from '../config/load';
import { FINDING_IDS } from '../rbac/finding-kinds';
import { NEWEST_MINOR } from '../pss/version';

/** For node:util parseArgs `options`. */
export const SETTINGS_OPTIONS = {
  level: { type: 'string', short: 'l' },
  'pss-version': { type: 'string' },
  config: { type: 'string', short: 'c' },
  preset: { type: 'string' },
  'fail-on': { type: 'string' },
} as const;

/** For help texts. */
export const SETTINGS_HELP = `  -l, --level LEVEL      privileged, baseline or restricted               (default: restricted)
      --pss-version VERSION
                         policy version: v1.0 … v1.${NEWEST_MINOR} or latest; a newer one is
                         evaluated as v1.${NEWEST_MINOR}, with a warning (default: latest;
                         --version VERSION is a deprecated name for it)
      --preset PRESET    pss (the standard only), recommended (the standard
                         plus policies that need no image changes) or
                         strict (every policy)                             (default: recommended)
      --fail-on SEVERITY which hardening-policy findings fail the run: at or above
                         critical, high, medium or low (default: low). A pod the
                         Pod Security Standards deny always fails, unless an
                         exception covers each finding
  -c, --config FILE      podguard.yaml or a Kubernetes PodSecurityConfiguration
                         (default: ./podguard.yaml or ./podguard.yml if present)
`;

export interface SettingsValues {
  readonly level?: string;
  readonly 'pss-version'?: string;
  readonly config?: string;
  readonly preset?: string;
  readonly 'fail-on'?: string;
}

export function parsePreset(text: string | undefined): Preset | undefined {
  return text === undefined ? undefined : oneOf('preset', text, PRESETS, 'recommended');
}

export function parseFailOn(text: string | undefined): Severity | undefined {
  return text === undefined ? undefined : oneOf('severity for --fail-on', text, SEVERITIES, 'low');
}

/**
 * Validates the shared options and loads the settings. Throws UsageError for a bad value or a
 * configuration file that cannot be used at all; other configuration errors come back in
 * `errors` (report them as input errors: exit 2, the rest still evaluated).
 */
export function settingsFromOptions(values: SettingsValues, cwd = process.cwd(), now?: number, registry?: PolicyRegistry): LoadedSettings {
  const level = values.level === undefined ? undefined : parseLevel(values.level);
  let version = values['pss-version'] === undefined ? undefined : parseVersionOption(values['pss-version']);
  // A version beyond the newest known is evaluated as the newest (as Pod Security Admission
  // evaluates a label newer than any check: policy/registry.go picks, per check, the newest version not after it); say so
  // once, and name the version actually used everywhere.
  if (typeof version === 'number' && version > NEWEST_MINOR) {
    process.stderr.write(`podguard: warning: Pod Security Standards v1.${version} is newer than the newest podguard knows; evaluating v1.${NEWEST_MINOR}\n`);
    version = NEWEST_MINOR;
  }
  const loaded = loadSettings({
    cwd,
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    ...(level !== undefined ? { level } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(values.preset !== undefined ? { preset: parsePreset(values.preset)! } : {}),
    ...(values['fail-on'] !== undefined ? { failOn: parseFailOn(values['fail-on'])! } : {}),
    ...(now !== undefined ? { now } : {}),
    ...(registry !== undefined ? { registry } : {}),
    // podguard rbac's finding ids, so one podguard.yaml can except them whichever command reads it.
    extraCheckIds: FINDING_IDS,
  });
  const fatal = loaded.errors.find((e) => e.fatal);
  if (fatal) throw new UsageError(`${[fatal.file, fatal.line].filter((x) => x !== undefined).join(':')}: ${fatal.message}`);
  if (registry === undefined) {
    // podguard.yaml names the profiles nodes have: load again with the reference check given them.
    const withInventory = inventoryRegistry(loaded);
    if (withInventory) return settingsFromOptions(values, cwd, now, withInventory);
  }
  const configured = loaded.base.profile.version;
  if (version === undefined && typeof configured === 'number' && configured > NEWEST_MINOR) {
    process.stderr.write(
      `podguard: warning: ${loaded.configFile ?? 'the configuration'}: Pod Security Standards v1.${configured} is newer than the newest podguard knows; evaluating v1.${NEWEST_MINOR}\n`,
    );
    return settingsFromOptions({ ...values, 'pss-version': `v1.${NEWEST_MINOR}` }, cwd, now, registry);
  }
  return loaded;
}
