// Fixes planned for findings the real checks and policies report, RuleTester style: each case is
// a pod, the fix whose finding to plan, and the exact changes (and reasons) expected.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateObject } from '../../engine/evaluate';
import type { PodSpec } from '../../k8s/types';
import { builtinPolicies } from '../../policies/registry';
import type { Level } from '../../pss/levels';
import { planObject } from './plan';

interface Case {
  readonly name: string;
  readonly spec: PodSpec;
  readonly level?: Level;
  readonly version?: number;
  /** [remedy, op, path, value?] for each change, in order. */
  readonly changes: readonly (readonly [string, string, string, unknown?])[];
  readonly manual?: readonly RegExp[];
  /** Other policies to evaluate alongside (their findings are the fix's `others`). */
  readonly also?: readonly string[];
}

function plans(id: string, c: Case) {
  const policies = [id, ...(c.also ?? [])].flatMap((p) => builtinPolicies().get(p) ?? []);
  const settings = { profile: { level: c.level ?? 'restricted', version: c.version ?? 'latest' }, policies } as const;
  const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: c.spec };
  const verdict = evaluateObject(obj, settings)!;
  // A policy may report several findings (one per container or volume): their plans together.
  const found = planObject(obj, verdict, settings.profile, { unsafe: true }).filter((p) => p.finding.check === id);
  assert.ok(found.length > 0, `${id} reports nothing for this pod`);
  return { changes: found.flatMap((p) => p.changes), outlooks: found.flatMap((p) => p.outlooks) };
}

function cases(id: string, list: readonly Case[]): void {
  describe(id, () => {
    for (const c of list) {
      test(c.name, () => {
        const plan = plans(id, c);
        const got = plan.changes.map((x) =>
          'value' in x.change ? [x.remedy, x.change.op, x.change.path, x.change.value] : [x.remedy, x.change.op, x.change.path],
        );
        assert.deepEqual(
          got,
          c.changes.map((e) => (e.length === 4 ? [...e] : [...e])),
        );
        const manual = plan.outlooks.flatMap((o) => (o.kind === 'manual' ? o.reasons : []));
        assert.equal(manual.length, (c.manual ?? []).length, manual.join('\n'));
        (c.manual ?? []).forEach((re, i) => assert.match(manual[i]!, re));
      });
    }
  });
}

const c = (securityContext: object, more: object = {}) => ({ name: 'app', image: 'x', securityContext, ...more });

cases('allowPrivilegeEscalation', [
  {
    name: 'unset: safe',
    spec: { containers: [{ name: 'app' }] },
    changes: [['unset', 'set', 'spec.containers[0].securityContext.allowPrivilegeEscalation', false]],
  },
  {
    name: 'explicit true: behaviour-changing',
    spec: { containers: [c({ allowPrivilegeEscalation: true })] },
    changes: [['explicit', 'set', 'spec.containers[0].securityContext.allowPrivilegeEscalation', false]],
  },
  {
    name: 'a privileged container or one adding CAP_SYS_ADMIN is held back: the API server would refuse the pod',
    spec: { containers: [c({ privileged: true }), c({ capabilities: { add: ['CAP_SYS_ADMIN'] } }), { name: 'ok' }] },
    changes: [['unset', 'set', 'spec.containers[2].securityContext.allowPrivilegeEscalation', false]],
    manual: [/container "app" is privileged: the API server refuses/, /container "app" adds SYS_ADMIN/],
  },
]);

cases('seccompProfile_restricted', [
  {
    name: 'no profile anywhere: one pod-level setting covers every container',
    spec: { containers: [{ name: 'a' }, { name: 'b' }], initContainers: [{ name: 'i' }] },
    changes: [['unset', 'set', 'spec.securityContext.seccompProfile.type', 'RuntimeDefault']],
  },
  {
    name: 'a container with its own Localhost profile keeps it; an Unconfined one is replaced where it is set',
    spec: {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [c({ seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }), c({ seccompProfile: { type: 'Unconfined' } })],
    },
    changes: [['explicit', 'set', 'spec.containers[1].securityContext.seccompProfile.type', 'RuntimeDefault']],
  },
  {
    name: 'a profile without a type gets one (safe); a stray localhostProfile goes with an explicit change',
    spec: { securityContext: { seccompProfile: { type: 'Unconfined', localhostProfile: 'x' } as never }, containers: [{ name: 'a' }] },
    changes: [
      ['explicit', 'set', 'spec.securityContext.seccompProfile.type', 'RuntimeDefault'],
      ['explicit', 'remove', 'spec.securityContext.seccompProfile.localhostProfile'],
    ],
  },
]);

cases('runAsNonRoot', [
  {
    name: 'unset: the pod level, not each container',
    spec: { containers: [{ name: 'a' }, { name: 'b' }] },
    changes: [['require-non-root', 'set', 'spec.securityContext.runAsNonRoot', true]],
  },
  {
    name: 'an explicit false on a container is changed there; the pod-level true stays',
    spec: { securityContext: { runAsNonRoot: true }, containers: [c({ runAsNonRoot: false }), { name: 'b' }] },
    changes: [['require-non-root', 'set', 'spec.containers[0].securityContext.runAsNonRoot', true]],
  },
]);

cases('capabilities_restricted', [
  {
    name: 'drop ALL is added to the list; NET_BIND_SERVICE is kept, the rest removed last-first',
    spec: { containers: [c({ capabilities: { drop: ['NET_RAW'], add: ['SYS_TIME', 'NET_BIND_SERVICE', 'CHOWN'] } })] },
    changes: [
      ['drop-all', 'append', 'spec.containers[0].securityContext.capabilities.drop', 'ALL'],
      ['remove-added', 'remove', 'spec.containers[0].securityContext.capabilities.add[2]'],
      ['remove-added', 'remove', 'spec.containers[0].securityContext.capabilities.add[0]'],
    ],
  },
  {
    name: 'when nothing allowed is left, the whole add list goes',
    spec: { containers: [c({ capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } })] },
    changes: [['remove-added', 'remove', 'spec.containers[0].securityContext.capabilities.add']],
  },
  {
    name: 'a drop that is not a list is left to the user',
    spec: { containers: [c({ capabilities: { drop: 'ALL' as never } })] },
    changes: [],
    manual: [/capabilities\.drop is not a list/],
  },
]);

cases('capabilities_baseline', [
  {
    name: 'only capabilities beyond the default set go (asked of the check itself)',
    level: 'baseline',
    spec: { containers: [c({ capabilities: { add: ['CHOWN', 'NET_ADMIN', 'KILL'] } })] },
    changes: [['remove-added', 'remove', 'spec.containers[0].securityContext.capabilities.add[1]']],
  },
]);

cases('hostPorts', [
  {
    name: "a Pod's host ports that come from hostNetwork are not in the manifest to remove",
    level: 'baseline',
    spec: { hostNetwork: true, containers: [{ name: 'a', ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 81 }] }] },
    changes: [['remove-host-port', 'remove', 'spec.containers[0].ports[1].hostPort']],
    manual: [/container "a" gets its hostPort from hostNetwork: true/],
  },
]);

cases('privileged', [
  {
    name: 'Bidirectional mount propagation, which needs privileged mode, becomes HostToContainer',
    level: 'baseline',
    spec: {
      containers: [
        c(
          { privileged: true },
          {
            volumeMounts: [
              { name: 'a', mountPath: '/a' },
              { name: 'b', mountPath: '/b', mountPropagation: 'Bidirectional' },
            ],
          },
        ),
      ],
    },
    changes: [
      ['unprivileged', 'set', 'spec.containers[0].securityContext.privileged', false],
      ['unprivileged', 'set', 'spec.containers[0].volumeMounts[1].mountPropagation', 'HostToContainer'],
    ],
  },
]);

cases('restrictedVolumes', [
  {
    name: 'hostPath becomes emptyDir; network storage has no automatic fix',
    spec: {
      containers: [{ name: 'a' }],
      volumes: [
        { name: 'h', hostPath: { path: '/x' } },
        { name: 'n', nfs: { server: 's', path: '/' } },
      ],
    },
    changes: [['empty-dir', 'replaceEntry', 'spec.volumes[0].hostPath', {}]],
    manual: [/volume "n" uses nfs: move its data to a PersistentVolume/],
  },
]);

cases('sysctls', [
  {
    name: 'unsafe sysctls go, safe ones stay (the version decides which are safe)',
    level: 'baseline',
    version: 26,
    spec: {
      securityContext: {
        sysctls: [
          { name: 'kernel.shm_rmid_forced', value: '1' },
          { name: 'net.ipv4.ip_local_reserved_ports', value: '1' },
          { name: 'kernel.msgmax', value: '1' },
        ],
      },
      containers: [{ name: 'a' }],
    },
    changes: [
      ['remove-sysctl', 'remove', 'spec.securityContext.sysctls[2]'],
      ['remove-sysctl', 'remove', 'spec.securityContext.sysctls[1]'],
    ],
  },
]);

cases('seLinuxOptions', [
  {
    name: 'forbidden keys go; the level stays, and options left empty go entirely',
    level: 'baseline',
    spec: { securityContext: { seLinuxOptions: { type: 'spc_t', level: 's0:c1' } }, containers: [c({ seLinuxOptions: { user: 'u', role: 'r' } })] },
    changes: [
      ['remove-options', 'remove', 'spec.securityContext.seLinuxOptions.type'],
      ['remove-options', 'remove', 'spec.containers[0].securityContext.seLinuxOptions'],
    ],
  },
]);

cases('privileged-port-without-capability', [
  {
    name: 'the namespaced sysctl at the lowest declared low port',
    spec: {
      securityContext: { runAsNonRoot: true },
      containers: [c({ capabilities: { drop: ['ALL'] } }, { ports: [{ containerPort: 443 }, { containerPort: 80 }] })],
    },
    changes: [['unprivileged-port-start', 'append', 'spec.securityContext.sysctls', { name: 'net.ipv4.ip_unprivileged_port_start', value: '80' }]],
  },
  {
    name: 'hostNetwork pods have no namespace of their own to set it in',
    level: 'privileged',
    spec: { hostNetwork: true, securityContext: { runAsUser: 1000 }, containers: [c({ capabilities: { drop: ['ALL'] } }, { ports: [{ containerPort: 80 }] })] },
    changes: [],
    manual: [/hostNetwork, where the sysctl cannot be set/],
  },
]);

cases('writable-host-path', [
  {
    name: 'mounts become read-only, except of a volume another finding replaces as a whole',
    level: 'privileged',
    also: ['sensitive-host-path'],
    spec: {
      containers: [
        {
          name: 'a',
          volumeMounts: [
            { name: 'data', mountPath: '/d' },
            { name: 'root', mountPath: '/host' },
          ],
        },
      ],
      volumes: [
        { name: 'data', hostPath: { path: '/srv/data' } },
        { name: 'root', hostPath: { path: '/' } },
      ],
    },
    changes: [['read-only-mount', 'set', 'spec.containers[0].volumeMounts[0].readOnly', true]],
    manual: [/volume "root" is flagged as a whole: the fix that replaces it settles this too/],
  },
]);
