/*
Pod and containers must not set securityContext.windowsOptions.hostProcess to true.

Restricted Fields:
spec.securityContext.windowsOptions.hostProcess
spec.containers[*].securityContext.windowsOptions.hostProcess
spec.initContainers[*].securityContext.windowsOptions.hostProcess

Allowed Values: undefined / false

Upstream: staging/src/k8s.io/pod-security-admission/policy/check_windowsHostProcess.go
*/

import { ALLOWED, forbidden, type PssCheck } from '../check';
import { badSetters, containersWhere } from '../helpers';
import { podFacts, type ContainerFields } from '../pod-facts';

function isHostProcess(c: ContainerFields): boolean {
  return c.securityContext?.windowsOptions?.hostProcess === true;
}

export const windowsHostProcess: PssCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  title: 'HostProcess',
  description:
    'Windows Pods offer the ability to run HostProcess containers which enables privileged access to the Windows host machine. ' +
    'Privileged access to the host is disallowed in the Baseline policy.',
  versions: [
    {
      since: 'v1.0',
      check(_meta, spec, facts = podFacts(spec)) {
        const pod = spec.securityContext?.windowsOptions?.hostProcess === true;
        const containers = containersWhere(facts, isHostProcess, 'securityContext.windowsOptions.hostProcess');
        if (!pod && containers === undefined) return ALLOWED;
        const podFields = pod ? ['spec.securityContext.windowsOptions.hostProcess'] : [];
        return forbidden(
          'hostProcess',
          `${badSetters(pod, containers?.names)} must not set securityContext.windowsOptions.hostProcess=true`,
          containers === undefined ? podFields : [...podFields, ...containers.fields],
        );
      },
    },
  ],
};
