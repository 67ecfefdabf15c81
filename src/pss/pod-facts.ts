// One pod's containers read once, for the 19 checks and the policies that run on it.
//
// Every check asks about every container. Without the facts each one walks initContainers,
// containers and ephemeralContainers itself (three loads on a parsed object whose shape differs
// from pod to pod, so megamorphic, and an Array.isArray each), and its report walks them again
// through a closure. The engine builds the facts once per pod: the containers in upstream's
// visiting order, each with its list, index and securityContext (when it is a mapping), in
// objects of one shape, so checks loop over a plain array and reports name paths without a
// visitor. A caller that has no facts (the fixer's probe, the tests) gets them built on the spot.
//
// Measured and dropped (test/bench/engine-bench.ts, CPU time A/B in one process): copying every
// securityContext field into a fixed-shape object as well cost more to build than the checks
// saved reading it, because each check reads only one or two fields and the first read of a
// parsed field is the expensive one (a cache miss on a large input) wherever it happens.
//
// A securityContext that is not a mapping (an array, a string) is undefined here, which every
// check already treats as unset; every other value is the parsed one, null included (checks
// still decide what null means, as upstream's Go decoding does).

import type { Container, PodSpec, SecurityContext } from '../k8s/types';

/** The container lists in upstream's visiting order (visitor.go): init, regular, ephemeral. */
export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];

function mappingOr(v: unknown): SecurityContext | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as SecurityContext) : undefined;
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
