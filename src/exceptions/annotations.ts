// The annotation form of exceptions, for teams that keep exceptions next to their manifests.
// On the object's metadata or its pod template's metadata:
//
//   exception.podguard.dev/<check>: "<justification>"                (required, non-empty)
//   exception.podguard.dev/<check>.expires: "2026-03-31"             (optional)
//   exception.podguard.dev/<check>.containers: "app, sidecar-*"      (optional, name patterns)
//
// An annotation exception is scoped to the object it sits on. Checks the administrator locked
// (`lockedChecks` in podguard.yaml) cannot be excepted this way.

import type { ObjectMeta } from '../k8s/types';
import type { ExceptionRule } from './exception';
import { EXPIRY_FORMAT, parseExpiry } from './expiry';
import { compilePattern } from './pattern';

export const ANNOTATION_PREFIX = 'exception.podguard.dev/';
const EXPIRES = '.expires';
const CONTAINERS = '.containers';

/** True when the metadata carries at least one exception annotation (cheap: no allocation). */
export function hasExceptionAnnotations(meta: ObjectMeta | undefined): boolean {
  const a = meta?.annotations;
  if (a === null || typeof a !== 'object') return false;
  for (const k in a) if (k.startsWith(ANNOTATION_PREFIX)) return true;
  return false;
}

/** A suffix key without its main key, or similar: reported by lint, ignored by evaluation. */
export interface AnnotationProblem {
  readonly key: string;
  readonly message: string;
}

/**
 * The exception rules written in `meta`'s annotations. Unusable ones (no justification, bad
 * expiry) are returned with `problem` set, so findings they match show why they were not applied.
 */
export function annotationExceptions(meta: ObjectMeta | undefined, problems?: AnnotationProblem[]): ExceptionRule[] {
  const rules: ExceptionRule[] = [];
  const a = meta?.annotations;
  if (a === null || typeof a !== 'object') return rules;
  const values = a as Readonly<Record<string, unknown>>;
  for (const key in values) {
    if (!key.startsWith(ANNOTATION_PREFIX)) continue;
    const name = key.slice(ANNOTATION_PREFIX.length);
    if (name.endsWith(EXPIRES) || name.endsWith(CONTAINERS)) {
      const main = ANNOTATION_PREFIX + name.slice(0, name.lastIndexOf('.'));
      if (!(main in values)) problems?.push({ key, message: `has no matching ${JSON.stringify(main)} annotation with a justification, so it does nothing` });
      continue;
    }
    const raw = values[key];
    const justification = typeof raw === 'string' ? raw.trim() : '';
    const expiresRaw = values[key + EXPIRES];
    const containersRaw = values[key + CONTAINERS];
    let problem: string | undefined;
    let expires: string | undefined;
    let expiresAt: number | undefined;
    if (expiresRaw !== undefined) {
      expires = typeof expiresRaw === 'string' ? expiresRaw.trim() : String(expiresRaw);
      expiresAt = parseExpiry(expires);
      if (expiresAt === undefined) problem = `${key + EXPIRES}: ${JSON.stringify(expires)} is not ${EXPIRY_FORMAT}`;
    }
    if (justification === '') problem = `${key}: a justification is required (say why this exception is acceptable)`;
    const rule: { -readonly [K in keyof ExceptionRule]: ExceptionRule[K] } = {
      id: key,
      checks: [name],
      justification,
      origin: { kind: 'annotation', key },
    };
    if (typeof containersRaw === 'string') {
      rule.containers = containersRaw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map(compilePattern);
    }
    if (expires !== undefined) rule.expires = expires;
    if (expiresAt !== undefined) rule.expiresAt = expiresAt;
    if (problem !== undefined) rule.problem = problem;
    if (problem !== undefined) problems?.push({ key, message: problem });
    rules.push(rule);
  }
  return rules;
}
