// Command-line options every evaluating command shares (--config, --preset, --fail-on, --level,
// --version), parsed in one place so fix, serve and audit take them the same way as scan.

import { oneOf, parseLevel, parseVersionOption } from './options';
import { UsageError } from './usage-error';
import { PRESETS, type Preset } from '../policies/presets';
import { SEVERITIES, type Severity } from '../policies/severity';
import { loadSettings, type LoadedSettings } from '../config/load';
import { FINDING_IDS } from '../rbac/finding-kinds';

/** For node:util parseArgs `options`. */
export const SETTINGS_OPTIONS = {
  level: { type: 'string', short: 'l' },
  version: { type: 'string', short: 'v' },
  config: { type: 'string', short: 'c' },
  preset: { type: 'string' },
  'fail-on': { type: 'string' },
} as const;

/** For help texts. */
export const SETTINGS_HELP = `  -l, --level LEVEL      privileged, baseline or restricted               (default: restricted)
  -v, --version VERSION  policy version: v1.0 … v1.37 or latest; newer
                         versions are evaluated as the newest known        (default: latest)
      --preset PRESET    pss (the standard only), recommended (the standard
                         plus policies that need no image changes) or
                         strict (every policy)                             (default: recommended)
      --fail-on SEVERITY fail only for findings at or above critical, high,
                         medium or low                                     (default: low)
  -c, --config FILE      podguard.yaml or a Kubernetes PodSecurityConfiguration
                         (default: ./podguard.yaml or ./podguard.yml if present)
`;

export interface SettingsValues {
  readonly level?: string;
  readonly version?: string;
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
export function settingsFromOptions(values: SettingsValues, cwd = process.cwd(), now?: number): LoadedSettings {
  const level = values.level === undefined ? undefined : parseLevel(values.level);
  const version = values.version === undefined ? undefined : parseVersionOption(values.version);
  const loaded = loadSettings({
    cwd,
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    ...(level !== undefined ? { level } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(values.preset !== undefined ? { preset: parsePreset(values.preset)! } : {}),
    ...(values['fail-on'] !== undefined ? { failOn: parseFailOn(values['fail-on'])! } : {}),
    ...(now !== undefined ? { now } : {}),
    // podguard rbac's finding ids, so one podguard.yaml can except them whichever command reads it.
    extraCheckIds: FINDING_IDS,
  });
  const fatal = loaded.errors.find((e) => e.fatal);
  if (fatal) throw new UsageError(`${[fatal.file, fatal.line].filter((x) => x !== undefined).join(':')}: ${fatal.message}`);
  return loaded;
}
