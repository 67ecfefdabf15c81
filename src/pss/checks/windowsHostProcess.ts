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
import { joinQuote, nameOf, pluralize, visitContainers } from '../helpers';

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
      check(_meta, spec) {
        let podSets = false;
        let names: string[] | undefined;
        let fields: string[] | undefined;

        if (spec.securityContext?.windowsOptions?.hostProcess === true) {
          podSets = true;
          fields = ['spec.securityContext.windowsOptions.hostProcess'];
        }
        visitContainers(spec, (c, path) => {
          if (c.securityContext?.windowsOptions?.hostProcess === true) {
            (names ??= []).push(nameOf(c));
            (fields ??= []).push(`${path}.securityContext.windowsOptions.hostProcess`);
          }
        });
        if (fields === undefined) return ALLOWED;

        const setters: string[] = [];
        if (podSets) setters.push('pod');
        if (names !== undefined) setters.push(`${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`);
        return forbidden(
          'hostProcess',
          `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
          fields,
        );
      },
    },
  ],
};
