// The agent's loop: reconcile now, then every `interval` seconds (the kubelet refreshes mounted
// ConfigMaps within about a minute of a change), until stopped. A failing pass is logged and
// retried at the next tick; the labels it could not confirm are never left claiming a profile.

import path from 'node:path';
import { readBundleIndex } from '../bundle-index';
import type { ProfileLoader } from './loaders';
import { reconcile, type NodeLabels, type ReconcileResult } from './reconcile';

export interface AgentOptions {
  readonly profilesDir: string;
  readonly stateDir: string;
  readonly loaders: readonly ProfileLoader[];
  readonly labels: NodeLabels;
  readonly intervalSeconds: number;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
}

export async function reconcileOnce(o: Omit<AgentOptions, 'intervalSeconds' | 'signal'>): Promise<ReconcileResult> {
  const index = readBundleIndex(path.join(o.profilesDir, 'index'));
  return reconcile({ index, profilesDir: o.profilesDir, loaders: o.loaders, labels: o.labels, stateFile: path.join(o.stateDir, 'state.json'), log: o.log });
}

export async function runAgent(o: AgentOptions): Promise<void> {
  for (;;) {
    try {
      const r = await reconcileOnce(o);
      const changed = Object.entries(r.labelChanges).map(([k, v]) => (v === null ? `-${k}` : `+${k}=${v}`));
      o.log(
        `${r.verified.length} profile(s) verified, ${r.failed.length} failed, ${r.removed.length} removed${changed.length ? `; labels ${changed.join(' ')}` : ''}`,
      );
    } catch (e) {
      o.log(`reconcile failed: ${(e as Error).message}`);
    }
    if (o.intervalSeconds <= 0 || o.signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, o.intervalSeconds * 1000);
      o.signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
    if (o.signal?.aborted) return;
  }
}
