// The agent's only API calls: GET its own Node and a JSON merge patch of its labels, through the
// one Kubernetes client (src/kube). The ValidatingAdmissionPolicy in the bundle makes sure these
// are all it can do, whatever the RBAC role allows.

import { KubeApi, parseOk } from '../../kube/kube-api';
import type { NodeLabels } from './reconcile';

export function kubeNodeLabels(api: KubeApi, nodeName: string): NodeLabels {
  const nodePath = `/api/v1/nodes/${encodeURIComponent(nodeName)}`;
  return {
    async get() {
      const node = (await api.getJson(nodePath)) as { metadata?: { labels?: Record<string, string> } };
      return node.metadata?.labels ?? {};
    },
    async patch(changes) {
      const res = await api.send({
        method: 'PATCH',
        path: nodePath,
        body: JSON.stringify({ metadata: { labels: changes } }),
        contentType: 'application/merge-patch+json',
      });
      parseOk(res);
    },
  };
}
