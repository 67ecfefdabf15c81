// The /mutate decision: the safe fixes of `podguard fix` (safe-fixes.ts) as a JSON Patch on pods
// created in namespaces that opted in. Every change is named in a warning (kubectl prints it), in
// an annotation on the pod and in an audit annotation, so nobody is surprised by what changed.
// Mutation fails open: any problem leaves the pod as it was and /validate still judges it.

import { podViewOf } from '../engine/pod-views';
import { isExemptNamespace, isExemptRuntimeClass, isExemptUser } from '../psa/exemptions';
import type { ClusterView } from './cluster-view';
import { AUDIT, type Decision } from './decide';
import { subresourceOf, type AdmissionRequest, type Verdict } from './review';
import { planSafeMutations } from './safe-fixes';
import { PODGUARD_LABELS, switchedOn, type WebhookSettings } from './settings';
import { isMapping } from '../k8s/types';

/** The annotation podguard leaves on each pod it changed: the fields it set, comma-separated. */
export const MUTATED_ANNOTATION = 'podguard.io/mutated';
export const MUTATIONS_AUDIT_KEY = 'podguard-mutations';

const UNCHANGED: Verdict = Object.freeze({ allowed: true });

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
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

  const summary = mutations.map((m) => m.shown).join(', ');
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
      warnings: mutations.map((m) => `podguard mutated ${m.shown} (safe fix for ${m.fix}; namespace ${JSON.stringify(namespace)} opted in)`),
      auditAnnotations: { [MUTATIONS_AUDIT_KEY]: summary },
    },
    events: mutations.map((m) => ({ type: 'mutation', fix: m.fix })),
  };
}
