// Fix for the Pod Security Standards check hostNamespaces (baseline).

import { defineFix, type PlannedChange } from '../engine/fix';

const REMEDY_BY_FIELD = {
  'spec.hostNetwork': 'host-network',
  'spec.hostPID': 'host-pid',
  'spec.hostIPC': 'host-ipc',
} as const;

type HostRemedy = (typeof REMEDY_BY_FIELD)[keyof typeof REMEDY_BY_FIELD];

export const hostNamespaces = defineFix({
  id: 'hostNamespaces',
  summary: "Give the pod its own network, process and IPC namespaces instead of the node's.",
  remedies: {
    'host-network': {
      safe: false,
      change: 'changes hostNetwork: true to false',
      rationale:
        "The pod gets its own IP address: ports it listened on at the node's address are no longer reachable there, " +
        "and it can no longer see or configure the node's network interfaces (CNI agents, node exporters and load " +
        'balancers that need them stop working). Ports a Pod got as host ports only because of hostNetwork go too.',
      verify:
        "Reach the app through a Service instead of the node's address (`kubectl port-forward` to test), and check " +
        "that nothing it does needs the node's network.",
    },
    'host-pid': {
      safe: false,
      change: 'changes hostPID: true to false',
      rationale:
        "The containers no longer see or signal the node's processes: process monitors, debuggers and agents that read /proc of the host stop working.",
      verify: 'Check whether the app lists or signals processes it did not start (`ps` output it relies on, /proc/<pid> reads).',
    },
    'host-ipc': {
      safe: false,
      change: 'changes hostIPC: true to false',
      rationale: "The containers no longer share System V IPC and POSIX shared memory with the node's processes.",
      verify: 'Check whether the app exchanges shared memory or message queues with processes outside the pod (`ipcs` on the node).',
    },
  },
  plan({ finding }) {
    const changes: PlannedChange<HostRemedy>[] = [];
    for (const field of finding.fields) {
      const remedy = REMEDY_BY_FIELD[field as keyof typeof REMEDY_BY_FIELD];
      if (remedy) changes.push({ remedy, subject: 'pod', change: { op: 'set', path: field, value: false } });
    }
    return { changes, manual: [] };
  },
});
