/*
Capabilities that let a container break out or take over the node: each one alone is a known
escape or kernel-level primitive. Reported at every level, including privileged.
*/

import type { Container } from '../../k8s/types';
import type { PodPolicy } from '../policy';
import { REF } from '../references';
import { capabilityList, capabilityName } from '../resolve';
import { containerLabel, perContainer } from '../visit';

/** Each capability and what it hands over, for the finding's message and the docs. */
export const DANGEROUS_CAPABILITIES: Readonly<Record<string, string>> = {
  ALL: 'every capability',
  SYS_ADMIN: 'mount, namespaces, BPF and much more: the usual container escape',
  SYS_MODULE: 'loading kernel modules: kernel code execution',
  SYS_PTRACE: 'tracing and injecting code into other processes',
  SYS_RAWIO: 'raw I/O ports and /dev/mem',
  SYS_BOOT: 'rebooting the node and loading a new kernel (kexec)',
  SYS_TIME: "setting the node's clock",
  NET_ADMIN: 'reconfiguring interfaces, routes and firewall rules',
  BPF: 'loading BPF programs into the kernel',
  PERFMON: 'kernel performance monitoring and BPF tracing',
  DAC_READ_SEARCH: 'reading any file through open_by_handle_at (the "shocker" escape)',
  MAC_ADMIN: 'changing the AppArmor or SELinux policy',
  MAC_OVERRIDE: 'bypassing the AppArmor or SELinux policy',
  SYSLOG: 'reading kernel logs and addresses',
};
const NAMES = Object.keys(DANGEROUS_CAPABILITIES);
const DANGEROUS: ReadonlySet<string> = new Set(NAMES);

function addsDangerous(c: Container): boolean {
  const add = capabilityList(c, 'add');
  if (add === undefined) return false;
  for (let i = 0; i < add.length; i++) if (DANGEROUS.has(capabilityName(add[i]))) return true;
  return false;
}

export const dangerousCapabilities: PodPolicy = {
  id: 'dangerous-capabilities',
  title: 'Dangerous capability added',
  severity: 'critical',
  category: 'privilege',
  preset: 'recommended',
  rationale:
    'Some capabilities are a node takeover on their own: SYS_ADMIN (mounts and namespaces: the classic escape), SYS_MODULE ' +
    '(kernel modules), SYS_PTRACE (inject into processes), DAC_READ_SEARCH (read any host file by handle), BPF and PERFMON ' +
    "(kernel programs), NET_ADMIN (the node's network), SYS_RAWIO, SYS_BOOT, MAC_ADMIN/MAC_OVERRIDE (the LSM policy). The " +
    'baseline standard already forbids them; this policy reports them at every level, with the reason, as critical.',
  remediation: 'Remove the capability from securityContext.capabilities.add. Run such tools as a node-level component, not in a workload.',
  references: [REF.capabilities, REF.pss, REF.nsa, REF.cis('5.2.8', 'Minimize the admission of containers with added capabilities')],
  check: perContainer(addsDangerous, (c, path, _spec, name) => {
    // Each added capability canonicalised once, then the table's order kept for the message.
    const added = (capabilityList(c, 'add') ?? []).map(capabilityName);
    let found = '';
    for (const n of NAMES) if (added.includes(n)) found += `${found === '' ? '' : ', '}${n} (${DANGEROUS_CAPABILITIES[n]})`;
    return { detail: `${containerLabel(name)} adds ${found}`, fields: [`${path}.securityContext.capabilities.add`] };
  }),
};
