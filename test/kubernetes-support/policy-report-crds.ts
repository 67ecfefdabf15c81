// The wgpolicyk8s.io/v1alpha2 PolicyReport and ClusterPolicyReport CRDs (the group Policy Reporter
// and Kyverno install), reduced to what `podguard audit --apply-reports` needs: the kinds, their
// scope and a schema that keeps every field. Written here, not copied.

function crd(kind: string, plural: string, scope: 'Namespaced' | 'Cluster'): unknown {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.wgpolicyk8s.io` },
    spec: {
      group: 'wgpolicyk8s.io',
      scope,
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [
        {
          name: 'v1alpha2',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
}

export const POLICY_REPORT_CRDS = [crd('PolicyReport', 'policyreports', 'Namespaced'), crd('ClusterPolicyReport', 'clusterpolicyreports', 'Cluster')];
