// The net.IP and net.CIDR libraries, which Kubernetes adds together from v1.30
// (environment/base.go: library.IP, library.CIDR), and their type names: `type(x) == net.IP`.
// cel-go resolves `net.IP` as a qualified type name; here `net` is a namespace constant whose
// fields are those types, read from the environment's own `type()` the first time they are used
// (the CEL library compares types by identity).

import { CostMeter, withMeter } from '../cost';
import { registerCIDR } from './cidr';
import { registerIP } from './ip';
import type { Registrar } from './types';

interface Evaluates {
  evaluate(expression: string): unknown;
}

export function registerNet(env: Registrar): void {
  registerIP(env);
  registerCIDR(env);
  const typeOf = (sample: string) => {
    let t: unknown;
    // On a meter of its own, so the expression that first names the type is not charged for it.
    return () => (t ??= withMeter(new CostMeter(Infinity), () => (env as unknown as Evaluates).evaluate(`type(${sample})`)));
  };
  const ipType = typeOf('ip("0.0.0.0")');
  const cidrType = typeOf('cidr("0.0.0.0/0")');
  class NetNamespace {
    get IP(): unknown {
      return ipType();
    }
    get CIDR(): unknown {
      return cidrType();
    }
  }
  env.registerType('NetNamespace', { ctor: NetNamespace, fields: { IP: 'type', CIDR: 'type' } });
  env.registerConstant('net', 'NetNamespace', new NetNamespace());
}
