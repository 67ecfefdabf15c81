// Upstream PodSecurityPolicy admission on small cases in the spirit of upstream's provider_test.go
// (TestValidatePodFailures, TestValidateContainerFailures, TestMutatePod*): one policy everyone may use,
// one pod. The expected texts and admitted values were produced by upstream's plugin (.tools/bin/psp-oracle,
// k8s.io/kubernetes v1.24.17), so these run without Go on every clone; the differential
// (test/oracle/psp-differential.test.ts) covers the rest.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PspAdmission } from '../../src/psp/admit';
import { PspWorldReader, sourceless } from '../../src/psp/world';
import type { KubeObject } from '../../src/k8s/types';

const GRANT: KubeObject[] = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'use-all' },
    rules: [{ apiGroups: ['policy'], resources: ['podsecuritypolicies'], verbs: ['use'] }],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'use-all' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'use-all' },
    subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:authenticated' }],
  },
];

interface Case {
  readonly id: string;
  readonly psp: Record<string, unknown>;
  readonly pod: Record<string, unknown>;
  readonly denied?: string;
  readonly admitted?: { annotations: unknown; podSecurityContext: unknown; containerSecurityContext: unknown };
}

const CASES: readonly Case[] = [
  {
    id: 'hostNetwork',
    psp: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { name: 'only' },
      spec: {
        seLinux: { rule: 'RunAsAny' },
        runAsUser: { rule: 'RunAsAny' },
        supplementalGroups: { rule: 'RunAsAny' },
        fsGroup: { rule: 'RunAsAny' },
        volumes: ['*'],
      },
    },
    pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [{ name: 'c', image: 'i' }], hostNetwork: true } },
    denied:
      'pods "p" is forbidden: PodSecurityPolicy: unable to admit pod: [spec.securityContext.hostNetwork: Invalid value: true: Host network is not allowed to be used]',
  },
  {
    id: 'fsGroupRange',
    psp: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { name: 'only' },
      spec: {
        seLinux: { rule: 'RunAsAny' },
        runAsUser: { rule: 'RunAsAny' },
        supplementalGroups: { rule: 'RunAsAny' },
        fsGroup: { rule: 'MustRunAs', ranges: [{ min: 1, max: 1 }] },
        volumes: ['*'],
      },
    },
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ns' },
      spec: { containers: [{ name: 'c', image: 'i' }], securityContext: { fsGroup: 999 } },
    },
    denied:
      'pods "p" is forbidden: PodSecurityPolicy: unable to admit pod: [spec.securityContext.fsGroup: Invalid value: []int64{999}: group 999 must be in the ranges: [{1 1}]]',
  },
  {
    id: 'emptySupplemental',
    psp: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { name: 'only' },
      spec: {
        seLinux: { rule: 'RunAsAny' },
        runAsUser: { rule: 'RunAsAny' },
        supplementalGroups: { rule: 'MustRunAs', ranges: [{ min: 1, max: 1 }] },
        fsGroup: { rule: 'RunAsAny' },
        volumes: ['*'],
      },
    },
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ns' },
      spec: { containers: [{ name: 'c', image: 'i' }], securityContext: { supplementalGroups: [] } },
    },
    denied:
      'pods "p" is forbidden: PodSecurityPolicy: unable to admit pod: [spec.securityContext.supplementalGroups: Invalid value: []int64{}: unable to validate empty groups against required ranges]',
  },
  {
    id: 'selinuxLevel',
    psp: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { name: 'only' },
      spec: {
        seLinux: { rule: 'MustRunAs', seLinuxOptions: { level: 's0:c1,c2' } },
        runAsUser: { rule: 'RunAsAny' },
        supplementalGroups: { rule: 'RunAsAny' },
        fsGroup: { rule: 'RunAsAny' },
        volumes: ['*'],
      },
    },
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ns' },
      spec: { containers: [{ name: 'c', image: 'i' }], securityContext: { seLinuxOptions: { level: 's0:c9' } } },
    },
    denied:
      'pods "p" is forbidden: PodSecurityPolicy: unable to admit pod: [spec.securityContext.seLinuxOptions.level: Invalid value: "s0:c9": must be s0:c1,c2 spec.containers[0].securityContext.seLinuxOptions.level: Invalid value: "s0:c9": must be s0:c1,c2]',
  },
  {
    id: 'hostPathReadOnly',
    psp: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { name: 'only' },
      spec: {
        seLinux: { rule: 'RunAsAny' },
        runAsUser: { rule: 'RunAsAny' },
        supplementalGroups: { rule: 'RunAsAny' },
        fsGroup: { rule: 'RunAsAny' },
        volumes: ['*'],
        allowedHostPaths: [{ pathPrefix: '/var/log', readOnly: true }],
      },
    },
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ns' },
      spec: {
        containers: [{ name: 'c', image: 'i', volumeMounts: [{ name: 'l', mountPath: '/l' }] }],
        volumes: [{ name: 'l', hostPath: { path: '/var/log/x' } }],
      },
    },
    denied:
      'pods "p" is forbidden: PodSecurityPolicy: unable to admit pod: [spec.containers[0].volumeMounts[0].readOnly: Invalid value: false: must be read-only]',
  },
  {
    id: 'sysctls',
    psp: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { name: 'only' },
      spec: {
        seLinux: { rule: 'RunAsAny' },
        runAsUser: { rule: 'RunAsAny' },
        supplementalGroups: { rule: 'RunAsAny' },
        fsGroup: { rule: 'RunAsAny' },
        volumes: ['*'],
        forbiddenSysctls: ['kernel.shm_rmid_forced'],
      },
    },
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ns' },
      spec: {
        containers: [{ name: 'c', image: 'i' }],
        securityContext: {
          sysctls: [
            { name: 'kernel.shm_rmid_forced', value: '1' },
            { name: 'kernel.sem', value: '1' },
          ],
        },
      },
    },
    denied:
      'pods "p" is forbidden: PodSecurityPolicy: unable to admit pod: [pod.spec.securityContext.sysctls[0]: Forbidden: sysctl "kernel.shm_rmid_forced" is not allowed pod.spec.securityContext.sysctls[1]: Forbidden: unsafe sysctl "kernel.sem" is not allowed]',
  },
  {
    id: 'seccompNotAllowed',
    psp: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { name: 'only' },
      spec: {
        seLinux: { rule: 'RunAsAny' },
        runAsUser: { rule: 'RunAsAny' },
        supplementalGroups: { rule: 'RunAsAny' },
        fsGroup: { rule: 'RunAsAny' },
        volumes: ['*'],
      },
    },
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ns', annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } },
      spec: { containers: [{ name: 'c', image: 'i' }] },
    },
    denied:
      'pods "p" is forbidden: PodSecurityPolicy: unable to admit pod: [pod.metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]: Forbidden: seccomp may not be set pod.metadata.annotations[container.seccomp.security.alpha.kubernetes.io/c]: Forbidden: seccomp may not be set]',
  },
  {
    id: 'containerChecks',
    psp: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { name: 'only' },
      spec: {
        seLinux: { rule: 'RunAsAny' },
        runAsUser: { rule: 'RunAsAny' },
        supplementalGroups: { rule: 'RunAsAny' },
        fsGroup: { rule: 'RunAsAny' },
        volumes: ['*'],
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        requiredDropCapabilities: ['ALL'],
        hostPorts: [
          { min: 80, max: 80 },
          { min: 1000, max: 2000 },
        ],
      },
    },
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ns' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'i',
            ports: [{ containerPort: 1, hostPort: 1 }],
            securityContext: {
              privileged: true,
              readOnlyRootFilesystem: false,
              allowPrivilegeEscalation: true,
              procMount: 'Unmasked',
              capabilities: { add: ['SYS_ADMIN'], drop: ['NET_RAW'] },
            },
          },
        ],
      },
    },
    denied:
      'pods "p" is forbidden: PodSecurityPolicy: unable to admit pod: [spec.containers[0].securityContext.privileged: Invalid value: true: Privileged containers are not allowed spec.containers[0].securityContext.procMount: Invalid value: "Unmasked": ProcMountType is not allowed spec.containers[0].securityContext.capabilities.add: Invalid value: "SYS_ADMIN": capability may not be added spec.containers[0].hostPort: Invalid value: 1: Host port 1 is not allowed to be used. Allowed ports: [80,1000-2000] spec.containers[0].securityContext.readOnlyRootFilesystem: Invalid value: false: ReadOnlyRootFilesystem must be set to true spec.containers[0].securityContext.allowPrivilegeEscalation: Invalid value: true: Allowing privilege escalation for containers is not allowed]',
  },
  {
    id: 'runAsUserRange',
    psp: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { name: 'only' },
      spec: {
        seLinux: { rule: 'RunAsAny' },
        runAsUser: { rule: 'MustRunAs', ranges: [{ min: 1000, max: 2000 }] },
        supplementalGroups: { rule: 'RunAsAny' },
        fsGroup: { rule: 'RunAsAny' },
        volumes: ['*'],
      },
    },
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ns' },
      spec: { containers: [{ name: 'c', image: 'i', securityContext: { runAsUser: 0 } }] },
    },
    denied:
      'pods "p" is forbidden: PodSecurityPolicy: unable to admit pod: [spec.containers[0].securityContext.runAsUser: Invalid value: 0: must be in the ranges: [{1000 2000}]]',
  },
  {
    id: 'apparmor',
    psp: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { name: 'only', annotations: { 'apparmor.security.beta.kubernetes.io/allowedProfileNames': 'runtime/default' } },
      spec: {
        seLinux: { rule: 'RunAsAny' },
        runAsUser: { rule: 'RunAsAny' },
        supplementalGroups: { rule: 'RunAsAny' },
        fsGroup: { rule: 'RunAsAny' },
        volumes: ['*'],
      },
    },
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'ns', annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'localhost/foo' } },
      spec: { containers: [{ name: 'c', image: 'i' }] },
    },
    denied:
      'pods "p" is forbidden: PodSecurityPolicy: unable to admit pod: [pod.metadata.annotations[container.apparmor.security.beta.kubernetes.io/c]: Forbidden: localhost/foo is not an allowed profile. Allowed values: "runtime/default"]',
  },
  {
    id: 'defaults',
    psp: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: {
        name: 'only',
        annotations: {
          'seccomp.security.alpha.kubernetes.io/defaultProfileName': 'runtime/default',
          'seccomp.security.alpha.kubernetes.io/allowedProfileNames': 'runtime/default',
        },
      },
      spec: {
        seLinux: { rule: 'RunAsAny' },
        runAsUser: { rule: 'MustRunAs', ranges: [{ min: 1000, max: 2000 }] },
        supplementalGroups: { rule: 'RunAsAny' },
        fsGroup: { rule: 'MustRunAs', ranges: [{ min: 5, max: 6 }] },
        volumes: ['*'],
        defaultAddCapabilities: ['NET_BIND_SERVICE'],
        requiredDropCapabilities: ['ALL'],
        allowedCapabilities: ['NET_BIND_SERVICE'],
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      },
    },
    pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [{ name: 'c', image: 'i' }] } },
    admitted: {
      annotations: { 'kubernetes.io/psp': 'only', 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' },
      podSecurityContext: { fsGroup: 5 },
      containerSecurityContext: {
        capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
        runAsUser: 1000,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      },
    },
  },
];

for (const c of CASES) {
  test(`${c.id}: ${c.denied ? "denied with upstream's message" : "admitted with upstream's defaults"}`, () => {
    const reader = new PspWorldReader();
    [c.psp as KubeObject, ...GRANT].forEach((o, i) => reader.add(sourceless(o, 'case', i)));
    const world = reader.finish();
    assert.deepEqual(world.errors, []);
    const r = new PspAdmission(world.policies, world.authorizer).admit({
      operation: 'CREATE',
      namespace: 'ns',
      user: { name: 'u', groups: ['system:authenticated'] },
      pod: c.pod,
    });
    if (c.denied !== undefined) {
      assert.equal(r.allowed, false);
      assert.equal(r.message, c.denied);
    } else {
      assert.equal(r.allowed, true, r.message);
      const pod = r.pod as { metadata: { annotations?: unknown }; spec: { securityContext?: unknown; containers: { securityContext?: unknown }[] } };
      assert.deepEqual(
        {
          annotations: pod.metadata.annotations,
          podSecurityContext: pod.spec.securityContext,
          containerSecurityContext: pod.spec.containers[0]!.securityContext,
        },
        c.admitted,
      );
    }
  });
}
