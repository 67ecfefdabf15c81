// One pod read once into fixed-shape objects, so that the 19 checks and the policies that run on
// it read plain properties instead of each walking the parsed object again.
//
// Why: parsed YAML and JSON objects come in many shapes (key order, which keys are present), so
// every `c.securityContext?.privileged` in a check is a megamorphic property load, and on a large
// input each one is likely a cache miss too. Reading every field the checks need once per pod,
// into objects built by one constructor each, turns the checks' loads into monomorphic ones on
// data that is already in cache. The engine builds the facts once per pod and hands them to every
// check and policy; a caller that does not (the fixer's probe, the tests) gets them built on the
// spot, from the same spec.
//
// The facts keep each field's raw value (null included: a check still decides what null means,
// as upstream's Go decoding does), so a check reading `c.securityContext?.x` from the facts sees
// exactly what it would see on the parsed container, except that a securityContext that is not
// a mapping (an array, a string) is undefined, which every check already treats as unset.

import type { Container, PodSpec, SecurityContext } from '../k8s/types';

/** The container lists in upstream's visiting order (visitor.go): init, regular, ephemeral. */
export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];

function mappingOr(v: unknown): SecurityContext | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as SecurityContext) : undefined;
}

/** A container's securityContext, every field the checks read present (undefined when not written). */
export class SecurityContextFacts implements SecurityContext {
  readonly capabilities: SecurityContext['capabilities'];
  readonly privileged: SecurityContext['privileged'];
  readonly seLinuxOptions: SecurityContext['seLinuxOptions'];
  readonly windowsOptions: SecurityContext['windowsOptions'];
  readonly runAsUser: SecurityContext['runAsUser'];
  readonly runAsGroup: SecurityContext['runAsGroup'];
  readonly runAsNonRoot: SecurityContext['runAsNonRoot'];
  readonly readOnlyRootFilesystem: SecurityContext['readOnlyRootFilesystem'];
  readonly allowPrivilegeEscalation: SecurityContext['allowPrivilegeEscalation'];
  readonly procMount: SecurityContext['procMount'];
  readonly seccompProfile: SecurityContext['seccompProfile'];
  readonly appArmorProfile: SecurityContext['appArmorProfile'];

  constructor(sc: SecurityContext) {
    this.capabilities = sc.capabilities;
    this.privileged = sc.privileged;
    this.seLinuxOptions = sc.seLinuxOptions;
    this.windowsOptions = sc.windowsOptions;
    this.runAsUser = sc.runAsUser;
    this.runAsGroup = sc.runAsGroup;
    this.runAsNonRoot = sc.runAsNonRoot;
    this.readOnlyRootFilesystem = sc.readOnlyRootFilesystem;
    this.allowPrivilegeEscalation = sc.allowPrivilegeEscalation;
    this.procMount = sc.procMount;
    this.seccompProfile = sc.seccompProfile;
    this.appArmorProfile = sc.appArmorProfile;
  }
}

/**
 * The fields of a container that checks' first (allowed-or-not) look reads. Both a parsed
 * container and ContainerFacts have this shape, so one test function serves the fast look over
 * the facts and the report that walks the parsed spec. The types are the API's, as declared for
 * parsed objects (so, as there, a value may still be mistyped and checks test what they read).
 */
export type ContainerFields = Pick<
  Container,
  'name' | 'securityContext' | 'ports' | 'livenessProbe' | 'readinessProbe' | 'startupProbe' | 'lifecycle' | 'volumeMounts'
>;

/** One container of the pod: where it is, its name and security context read once; the rest read through. */
export class ContainerFacts implements ContainerFields {
  /** The parsed container itself, for what the facts do not carry. */
  readonly container: Container;
  readonly list: ContainerList;
  readonly index: number;
  readonly securityContext: SecurityContext | undefined;

  constructor(c: Container, list: ContainerList, index: number) {
    this.container = c;
    this.list = list;
    this.index = index;
    this.securityContext = mappingOr(c.securityContext);
  }

  get name(): Container['name'] {
    return this.container.name;
  }
  get ports(): Container['ports'] {
    return this.container.ports;
  }
  get livenessProbe(): Container['livenessProbe'] {
    return this.container.livenessProbe;
  }
  get readinessProbe(): Container['readinessProbe'] {
    return this.container.readinessProbe;
  }
  get startupProbe(): Container['startupProbe'] {
    return this.container.startupProbe;
  }
  get lifecycle(): Container['lifecycle'] {
    return this.container.lifecycle;
  }
  get volumeMounts(): Container['volumeMounts'] {
    return this.container.volumeMounts;
  }
}

/** The pod's own fields that checks read, and its containers in visiting order. */
export class PodFacts {
  /** The spec the facts were read from (defaults applied by the engine). */
  readonly spec: PodSpec;
  /** Init, regular and ephemeral containers, in upstream's order; entries that are not objects are left out. */
  readonly containers: readonly ContainerFacts[];

  constructor(spec: PodSpec) {
    this.spec = spec;
    const containers: ContainerFacts[] = [];
    for (let l = 0; l < CONTAINER_LISTS.length; l++) {
      const list = CONTAINER_LISTS[l]!;
      const items: unknown = spec[list];
      if (!Array.isArray(items)) continue;
      for (let i = 0; i < items.length; i++) {
        const c: unknown = items[i];
        if (c !== null && typeof c === 'object') containers.push(new ContainerFacts(c as Container, list, i));
      }
    }
    this.containers = containers;
  }
}

/** The facts of a pod spec. Called once per pod by the engine; a check called without facts builds its own. */
export function podFacts(spec: PodSpec): PodFacts {
  return new PodFacts(spec);
}
