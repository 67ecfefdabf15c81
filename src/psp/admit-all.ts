// `psp admit` over a dump: every workload's pod, created by the user who creates it (a
// controller's service account for a workload, the --as user for a bare Pod), through PSP
// admission; what it admitted and wrote, or why it denied.

import type { Change } from '../fix/engine/change';
import type { UserInfo } from '../rbac/subjects';
import { PspAdmission } from './admit';
import { podChanges } from './changes';
import { controllerUser, CONTROLLER_OF, podOf } from './migrate';
import { asObject, stringOf } from './strategies/pod-json';
import type { PspWorld } from './world';

export interface AdmitOutcome {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly requester: string;
  readonly allowed: boolean;
  readonly policy?: string;
  /** What PSP wrote into the pod (paths from the workload object). */
  readonly changes: readonly Change[];
  readonly message?: string;
}

export function admitAll(world: PspWorld, asUser: UserInfo | undefined): AdmitOutcome[] {
  const admission = new PspAdmission(world.policies, world.authorizer);
  return world.workloads.map((w) => {
    const kind = String(w.object.kind);
    const controller = CONTROLLER_OF[kind];
    const user = controller ? controllerUser(controller) : (asUser ?? { name: 'system:anonymous', groups: ['system:unauthenticated'] });
    const pod = podOf(w);
    const r = admission.admit({ operation: 'CREATE', namespace: w.namespace, user, pod });
    const prefix = w.podPath === '' ? '' : `${w.podPath}.`;
    const base = {
      kind,
      namespace: w.namespace,
      name: stringOf(asObject(w.object.metadata)?.name),
      file: w.source.file,
      line: w.source.line,
      requester: user.name,
    };
    if (!r.allowed || !r.pod) return { ...base, allowed: false, changes: [], message: r.message ?? 'denied' };
    const changes = podChanges(pod, r.pod).map((c) => ({ ...c, path: prefix + c.path }));
    return { ...base, allowed: true, policy: r.policy, changes };
  });
}
