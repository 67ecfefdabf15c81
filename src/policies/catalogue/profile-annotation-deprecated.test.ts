import { policyCases } from '../../../test/support/policy-cases';
import { profileAnnotationDeprecated } from './profile-annotation-deprecated';

const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const APPARMOR_WEB = 'container.apparmor.security.beta.kubernetes.io/web';

policyCases(profileAnnotationDeprecated, [
  { name: 'fields only', spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'web' }] } },
  {
    name: 'an annotation whose field says something else is left to API validation',
    meta: { annotations: { [SECCOMP_POD]: 'localhost/a.json' } },
    spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'web' }] },
  },
  {
    name: 'seccomp pod annotation and AppArmor container annotation without fields',
    meta: { annotations: { [SECCOMP_POD]: 'runtime/default', [APPARMOR_WEB]: 'localhost/podguard-nginx' } },
    spec: { containers: [{ name: 'web' }] },
    findings: [
      { detail: `annotation ${SECCOMP_POD} sets a seccomp profile; use the securityContext field`, fields: [`metadata.annotations["${SECCOMP_POD}"]`] },
      {
        detail: `annotation ${APPARMOR_WEB} sets an AppArmor profile for container "web"; use the securityContext field`,
        fields: [`metadata.annotations["${APPARMOR_WEB}"]`],
        container: 'web',
      },
    ],
  },
  {
    name: 'an annotation the field already repeats is still reported (it is left to remove)',
    meta: { annotations: { [APPARMOR_WEB]: 'localhost/p' } },
    spec: { containers: [{ name: 'web', securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } } }] },
    findings: [
      {
        detail: `annotation ${APPARMOR_WEB} sets an AppArmor profile for container "web"; use the securityContext field`,
        fields: [`metadata.annotations["${APPARMOR_WEB}"]`],
        container: 'web',
      },
    ],
  },
]);
