// The finding kinds as Markdown, for docs/rbac.md (between its finding-kinds markers); a test
// keeps the page equal to the catalogue.

import { FINDING_KINDS, type Probe, type Where } from './finding-kinds';

const WHERE: Readonly<Record<Where, string>> = {
  any: 'each namespace a RoleBinding is in; every namespace for a ClusterRoleBinding (one finding)',
  privileged: 'namespaces whose enforced level is privileged (and that are not exempt)',
  baseline: 'namespaces whose enforced level is baseline (and that are not exempt)',
  exempt: 'namespaces the PodSecurityConfiguration exempts',
  'exempt-runtime-class': 'namespaces that check pods, when the PodSecurityConfiguration exempts a runtime class',
  'exempt-user': "namespaces that check pods, for subjects whose username is exempt, or who create workloads whose controller's username is exempt",
  itself: 'the namespace object itself: a RoleBinding in N reaches namespace N, a ClusterRoleBinding every namespace',
  cluster: 'cluster-scoped: only ClusterRoleBindings can grant it',
};

function probe(p: Probe): string {
  const group = p.group === '' ? '' : `.${p.group}`;
  return `\`${p.verb} ${p.resource}${group}${p.subresource ? `/${p.subresource}` : ''}${p.name ? ` ${p.name === 'namespace' ? '<the namespace>' : p.name}` : ''}\``;
}

export function findingKindsMarkdown(): string {
  return FINDING_KINDS.map((k) => {
    const requires = k.requires
      .map((group) => group.map(probe).join(', '))
      .map((s) => `any of ${s}`)
      .join('; **and** ');
    return [
      `### \`${k.id}\` (${k.severity})`,
      '',
      `**${k.title}.** ${k.rationale}`,
      '',
      `- Reported when the role allows ${requires}.`,
      `- Where: ${WHERE[k.where]}.`,
      `- Fix: ${k.remediation}`,
      `- References: ${k.references.map((r) => `[${r.title}](${r.url})`).join(', ')}`,
      '',
    ].join('\n');
  }).join('\n');
}
