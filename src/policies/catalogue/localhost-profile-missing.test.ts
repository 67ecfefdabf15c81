import assert from 'node:assert/strict';
import { test } from 'node:test';
import { policyCases } from '../../../test/support/policy-cases';
import { localhostProfileMissing, localhostProfileMissingFor } from './localhost-profile-missing';

const inventory = {
  configured: true,
  source: 'profiles/',
  seccomp: new Set(['podguard/web.json', 'podguard/audit.json']),
  apparmor: new Set(['podguard-nginx']),
  selinux: new Set(['podguard_web.process']),
};
const seccomp = (localhostProfile: string) => ({ seccompProfile: { type: 'Localhost', localhostProfile } });

policyCases(localhostProfileMissingFor(inventory), [
  {
    name: 'provided seccomp and AppArmor profiles',
    spec: {
      securityContext: seccomp('podguard/web.json'),
      containers: [{ name: 'a', securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'podguard-nginx' } } }],
    },
  },
  {
    name: "base-policy SELinux types are not the inventory's business",
    spec: { securityContext: { seLinuxOptions: { type: 'container_t' } }, containers: [{ name: 'a' }] },
  },
  { name: 'RuntimeDefault is no reference', spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'a' }] } },
  {
    name: 'a misspelt seccomp path on the pod',
    spec: { securityContext: seccomp('podguard/web.jsn'), containers: [{ name: 'a' }] },
    findings: [
      {
        detail: 'the pod names seccomp profile "podguard/web.jsn", which profiles/ does not provide (did you mean "podguard/web.json"?)',
        fields: ['spec.securityContext.seccompProfile.localhostProfile'],
      },
    ],
  },
  {
    name: 'the deprecated AppArmor annotation with a file name instead of the profile name',
    spec: { containers: [{ name: 'web' }] },
    meta: { annotations: { 'container.apparmor.security.beta.kubernetes.io/web': 'localhost/podguard-ngnix' } },
    findings: [
      {
        detail: 'container "web" names AppArmor profile "podguard-ngnix", which profiles/ does not provide (did you mean "podguard-nginx"?)',
        fields: ['metadata.annotations["container.apparmor.security.beta.kubernetes.io/web"]'],
        container: 'web',
      },
    ],
  },
  {
    name: 'a module type that is not bundled, and a seccomp profile with no near miss',
    spec: { containers: [{ name: 'a', securityContext: { seLinuxOptions: { type: 'other_app.process' }, ...seccomp('team/other.json') } }] },
    findings: [
      {
        detail: 'container "a" names seccomp profile "team/other.json", which profiles/ does not provide',
        fields: ['spec.containers[0].securityContext.seccompProfile.localhostProfile'],
        container: 'a',
      },
      {
        detail: 'container "a" names SELinux type "other_app.process", which profiles/ does not provide',
        fields: ['spec.containers[0].securityContext.seLinuxOptions.type'],
        container: 'a',
      },
    ],
  },
]);

test('without an inventory the catalogue entry reports nothing', () => {
  assert.deepEqual(localhostProfileMissing.check({}, { securityContext: seccomp('anything.json'), containers: [{ name: 'a' }] } as never), []);
});
