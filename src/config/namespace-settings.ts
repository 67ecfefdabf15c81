// Composes the settings each object is evaluated with: command-line values over the file's
// namespace block over its top level over podguard's defaults, resolved once per namespace.

import type { EvaluationSettings } from '../engine/evaluate';
import type { ExceptionSet } from '../exceptions/exception';
import { DEFAULT_PRESET, type Adjustment, type Preset } from '../policies/presets';
import type { PolicyRegistry } from '../policies/registry';
import type { Profile } from '../pss/evaluate';
import type { Block, FileSettings } from './file-settings';
import type { LoadOptions } from './load';

export interface ComposedSettings {
  readonly settings: EvaluationSettings;
  readonly preset: Preset;
}

export interface NamespacedSettings {
  readonly exceptions: ExceptionSet;
  readonly base: ComposedSettings;
  /** The settings for objects in `namespace`: its block's (first exact name, else first matching pattern), else the base. */
  forNamespace(namespace: string | undefined): ComposedSettings;
}

export function namespacedSettings(fileSettings: FileSettings, opts: LoadOptions, registry: PolicyRegistry): NamespacedSettings {
  const exceptions: ExceptionSet = { rules: fileSettings.rules, locked: new Set(fileSettings.locked), annotations: fileSettings.annotations };
  const top = fileSettings.top;
  const compose = (block: Block | undefined): ComposedSettings => {
    const profile: Profile = {
      level: opts.level ?? block?.level ?? top.level ?? 'restricted',
      version: opts.version ?? block?.version ?? top.version ?? 'latest',
    };
    const preset = opts.preset ?? block?.preset ?? top.preset ?? DEFAULT_PRESET;
    const adjustments: Adjustment[] = [top];
    if (block) adjustments.push(block);
    const severities = { ...top.severity, ...block?.severity };
    const settings: { -readonly [K in keyof EvaluationSettings]: EvaluationSettings[K] } = {
      profile,
      policies: registry.forPreset(preset, ...adjustments.map((a) => ({ include: a.include ?? [], exclude: a.exclude ?? [] }))),
      failOn: opts.failOn ?? block?.failOn ?? top.failOn ?? 'low',
      exceptions,
    };
    if (Object.keys(severities).length > 0) settings.severities = severities;
    if (opts.now !== undefined) settings.now = opts.now;
    if (fileSettings.exemptions) settings.exemptions = fileSettings.exemptions;
    return { settings, preset };
  };

  const base = compose(undefined);
  const cache = new Map<string, ComposedSettings>();
  const forNamespace = (namespace: string | undefined): ComposedSettings => {
    if (namespace === undefined || fileSettings.namespaces.length === 0) return base;
    let hit = cache.get(namespace);
    if (!hit) {
      const exact = fileSettings.namespaces.find((n) => n.pattern.source === namespace);
      const match = exact ?? fileSettings.namespaces.find((n) => n.pattern.test(namespace));
      hit = match ? compose(match.block) : base;
      cache.set(namespace, hit);
    }
    return hit;
  };

  return { exceptions, base, forNamespace };
}
