// ClusterRole aggregation, which a live cluster leaves to kube-controller-manager and files have
// no one to do: an aggregated ClusterRole's rules are replaced by the rules of every ClusterRole its
// selectors pick, in selector order, each selector's roles by name, itself skipped, and rules
// that are already there (deep-equal) dropped.
// Upstream: pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go
// (syncClusterRole, ruleExists). The controller re-syncs every aggregated role whenever any
// ClusterRole changes, so aggregated roles that select aggregated roles settle at a fixed point;
// starting from empty rules gives the one a fresh cluster reaches (a cycle of aggregated roles
// that only select each other stays empty here, where a cluster would keep stale stored rules).

import { selectorMatches } from './label-selector';
import type { PolicyRule, RbacRole } from './model';

function ruleKey(r: PolicyRule): string {
  // equality.Semantic.DeepEqual: order matters, nil and empty lists are equal.
  return JSON.stringify([r.verbs, r.apiGroups, r.resources, r.resourceNames, r.nonResourceURLs]);
}

/** The rules of every ClusterRole after aggregation, by name. */
export function aggregateClusterRoles(clusterRoles: readonly RbacRole[]): Map<string, readonly PolicyRule[]> {
  const rules = new Map<string, readonly PolicyRule[]>();
  const byName = [...clusterRoles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const aggregated = byName.filter((r) => r.aggregationRule !== undefined);
  for (const r of byName) rules.set(r.name, r.aggregationRule !== undefined ? [] : r.rules);
  // Which roles each selector picks never changes (labels are not rewritten): compute it once.
  const picks = new Map<string, RbacRole[][]>();
  for (const role of aggregated) {
    picks.set(
      role.name,
      role.aggregationRule!.clusterRoleSelectors.map((s) => byName.filter((c) => c.name !== role.name && selectorMatches(s, c.labels))),
    );
  }
  // Rules only grow from the empty start, so this stops; each pass settles at least one more
  // link of the longest chain of aggregated roles.
  for (let pass = 0; pass <= aggregated.length; pass++) {
    let changed = false;
    for (const role of aggregated) {
      const out: PolicyRule[] = [];
      const seen = new Set<string>();
      for (const picked of picks.get(role.name)!) {
        for (const c of picked) {
          for (const rule of rules.get(c.name)!) {
            const key = ruleKey(rule);
            if (seen.has(key)) continue;
            seen.add(key);
            out.push(rule);
          }
        }
      }
      if (out.length !== rules.get(role.name)!.length) changed = true;
      rules.set(role.name, out);
    }
    if (!changed) break;
  }
  return rules;
}
