// The /mutate decision: the safe fixes of `podguard fix` (safe-fixes.ts) as a JSON Patch on pods
// created in namespaces that opted in. Every change is named in a warning (kubectl prints it), in
// an annotation on the pod and in an audit annotation, so nobody is surprised by what changed.
// Mutation fails open: any problem leaves the pod as it was and /validate still judges it.

import { podViewOf } from '../../engine/pod-views';
import { isExemptNamespace, isExemptRuntimeClass, isExemptUser } from '../../psa/exemptions';
import type { ClusterView } from '../cluster/cluster-view';
import { AUDIT, type Decision } from './decide';
import { subresourceOf, type AdmissionRequest, type Verdict } from './review';
import { planSafeMutations, type Mutation } from './safe-fixes';
import { PODGUARD_LABELS, switchedOn, type WebhookSettings } from './settings';
import { isMapping, type KubeObject, type PodSpec } from '../../k8s/types';
import { affinityFor } from './profile-affinity';
import { podguardKey } from '../../k8s/podguard-keys';

/** The annotation podguard leaves on each pod it changed: the fields it set, comma-separated. */
export const MUTATED_ANNOTATION = podguardKey('mutated');
export const MUTATIONS_AUDIT_KEY = 'podguard-mutations';

/**
 * The longest value podguard writes in the annotation, in bytes. The API server refuses a pod
 * whose annotations together exceed 256 KiB (TotalAnnotationSizeLimitB in apimachinery's
 * ValidateAnnotationsSize), and the pod's own annotations need room too; past this, the value
 * summarises the changes by fix instead of listing them.
 */
export const MUTATED_ANNOTATION_MAX_BYTES = 4096;
/** The same for the audit annotation, which every audit event of the request carries. */
export const MUTATIONS_AUDIT_MAX_BYTES = 16384;
/** Warnings past this many are summed up in one (the API server truncates long warning lists). */
export const MAX_WARNINGS = 20;

/** The changes as a comma-separated list, or, when that would pass `max` bytes, a count per fix. */
export function summariseMutations(mutations: readonly Mutation[], max: number): string {
  const full = mutations.map((m) => m.shown).join(', ');
  if (Buffer.byteLength(full) <= max) return full;
  const byFix = new Map<string, number>();
  for (const m of mutations) byFix.set(m.fix, (byFix.get(m.fix) ?? 0) + 1);
  const summary = `${mutations.length} changes: ${[...byFix].map(([fix, n]) => `${fix} ×${n}`).join(', ')}`;
  if (Buffer.byteLength(summary) <= max) return summary;
  // Only a catalogue with thousands of fixes gets here; cut on a character boundary.
  let cut = summary.slice(0, max - 4);
  while (Buffer.byteLength(cut) > max - 4) cut = cut.slice(0, -1);
  return `${cut} …`;
}

const UNCHANGED: Verdict = Object.freeze({ allowed: true });

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function warningsFor(mutations: readonly Mutation[], namespace: string): string[] {
  const shown = mutations.length > MAX_WARNINGS ? mutations.slice(0, MAX_WARNINGS - 1) : mutations;
  const out = shown.map((m) => `podguard mutated ${m.shown} (safe fix for ${m.fix}; namespace ${JSON.stringify(namespace)} opted in)`);
  if (shown.length < mutations.length) out.push(`podguard mutated ${mutations.length - shown.length} more fields (see the ${MUTATED_ANNOTATION} annotation)`);
  return out;
}

export interface MutationContext {
  readonly settings: WebhookSettings;
  readonly cluster: ClusterView;
}

export async function decideMutation(req: AdmissionRequest, ctx: MutationContext): Promise<Decision> {
  const r = req.resource;
  if (req.operation !== 'CREATE' || r.group !== '' || r.resource !== 'pods' || subresourceOf(req) !== '') return { verdict: UNCHANGED, events: [] };
  const obj = req.object;
  if (!isMapping(obj) || obj.kind !== 'Pod') return { verdict: UNCHANGED, events: [] };
  const decision = await decideSafeFixes(req, obj, ctx);
  // Profile affinity is about where a pod can start at all, not hardening: every pod that names a
  // bundled profile gets it, whatever the namespace opted into or is exempt from.
  const labels = ctx.settings.profileLabels;
  const spec = obj['spec'];
  if (labels === undefined || !isMapping(spec)) return decision;
  const wanted = affinityFor(isMapping(obj.metadata) ? obj.metadata : undefined, spec as PodSpec, labels);
  if (wanted === undefined) return decision;
  const ops: unknown[] = decision.verdict.patch === undefined ? [] : (JSON.parse(Buffer.from(decision.verdict.patch, 'base64').toString('utf8')) as unknown[]);
  ops.push({ op: 'add', path: '/spec/affinity', value: wanted.affinity });
  return {
    verdict: {
      ...decision.verdict,
      allowed: true,
      patchType: 'JSONPatch',
      patch: Buffer.from(JSON.stringify(ops)).toString('base64'),
      warnings: [
        ...(decision.verdict.warnings ?? []),
        `podguard requires node labels ${wanted.added.join(', ')}: the pod names bundled Localhost profiles, loaded only where those labels are`,
      ],
    },
    events: decision.events,
  };
}

async function decideSafeFixes(req: AdmissionRequest, obj: KubeObject, ctx: MutationContext): Promise<Decision> {
  const exemptions = ctx.settings.podSecurity.exemptions;
  const namespace = typeof req.namespace === 'string' ? req.namespace : '';
  const user = req.userInfo?.username;
  if (isExemptNamespace(exemptions, namespace) || isExemptUser(exemptions, user)) return { verdict: UNCHANGED, events: [] };
  if (isExemptRuntimeClass(exemptions, podViewOf(obj)!.spec.runtimeClassName)) return { verdict: UNCHANGED, events: [] };
  let optedIn: boolean;
  try {
    optedIn = switchedOn(await ctx.cluster.namespace(namespace), PODGUARD_LABELS.mutate, ctx.settings.mutate);
  } catch (e) {
    const message = `failed to lookup namespace ${namespace}: ${e instanceof Error ? e.message : String(e)}; pod left unchanged`;
    return { verdict: { allowed: true, auditAnnotations: { [AUDIT.error]: message } }, events: [{ type: 'error', fatal: false }] };
  }
  if (!optedIn) return { verdict: UNCHANGED, events: [] };
  const { mutations } = planSafeMutations(obj, ctx.settings.policies?.settingsFor(namespace));
  if (mutations.length === 0) return { verdict: UNCHANGED, events: [] };

  const summary = summariseMutations(mutations, MUTATED_ANNOTATION_MAX_BYTES);
  const patch: unknown[] = mutations.flatMap((m) => m.ops);
  const annotations = obj.metadata?.annotations;
  if (!isMapping(obj.metadata)) patch.push({ op: 'add', path: '/metadata', value: { annotations: { [MUTATED_ANNOTATION]: summary } } });
  else if (!isMapping(annotations)) patch.push({ op: 'add', path: '/metadata/annotations', value: { [MUTATED_ANNOTATION]: summary } });
  else patch.push({ op: 'add', path: `/metadata/annotations/${escapePointer(MUTATED_ANNOTATION)}`, value: summary });
  return {
    verdict: {
      allowed: true,
      patchType: 'JSONPatch',
      patch: Buffer.from(JSON.stringify(patch)).toString('base64'),
      warnings: warningsFor(mutations, namespace),
      auditAnnotations: { [MUTATIONS_AUDIT_KEY]: summariseMutations(mutations, MUTATIONS_AUDIT_MAX_BYTES) },
    },
    events: mutations.map((m) => ({ type: 'mutation', fix: m.fix })),
  };
}
