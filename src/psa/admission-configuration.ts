// kube-apiserver's AdmissionConfiguration (apiserver.config.k8s.io/v1, `--admission-control-config-file`)
// holds the PodSecurity plugin's configuration inline (`configuration:`) or names a file (`path:`,
// relative to the AdmissionConfiguration's own directory), so a cluster's own file can be given as is.
// Upstream: staging/src/k8s.io/apiserver/pkg/admission/config.go (GetAdmissionPluginConfigurationFor).

import { isMapping } from '../k8s/types';
import type { FieldPath } from './field-error';

export const ADMISSION_CONFIGURATION_KIND = 'AdmissionConfiguration';

/** Where the PodSecurity plugin's configuration is; `at` locates the entry (for lines). */
export type PodSecurityPluginEntry =
  { readonly inline: unknown; readonly at: FieldPath } | { readonly path: string; readonly at: FieldPath } | { readonly error: string; readonly at: FieldPath };

/** The PodSecurity entry of an AdmissionConfiguration; undefined when `value` is not one. */
export function podSecurityPluginEntry(value: unknown): PodSecurityPluginEntry | undefined {
  if (!isMapping(value) || value['kind'] !== ADMISSION_CONFIGURATION_KIND) return undefined;
  const plugins = Array.isArray(value['plugins']) ? (value['plugins'] as unknown[]) : [];
  const i = plugins.findIndex((p) => isMapping(p) && p['name'] === 'PodSecurity');
  // kube-apiserver would run PodSecurity with its defaults here; a file given to podguard for its
  // PodSecurity settings that has none is far more likely a mistake, so it is reported.
  if (i < 0) return { error: 'plugins: no PodSecurity plugin configured', at: ['plugins'] };
  const plugin = plugins[i] as Record<string, unknown>;
  const inline = plugin['configuration'];
  if (inline !== undefined && inline !== null) return { inline, at: ['plugins', i, 'configuration'] };
  if (typeof plugin['path'] === 'string' && plugin['path'] !== '') return { path: plugin['path'], at: ['plugins', i, 'path'] };
  return { error: `plugins[${i}]: the PodSecurity plugin has neither configuration nor path`, at: ['plugins', i] };
}
