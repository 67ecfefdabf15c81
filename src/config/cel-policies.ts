// The `policies` of podguard.yaml: CEL policies over any kind (src/cel/policy.ts), compiled when
// the file is read. A problem is reported at the line of the expression in the file, with the
// line and column inside the expression where the CEL compiler points.

import { celPolicy, type CelPolicySpec } from '../cel/policy';
import { isMapping } from '../k8s/types';
import type { Policy } from '../policies/policy';
import { validatePolicies } from '../policies/registry';
import { fieldPathString } from '../psa/field-error';
import type { ConfigError } from './config-error';
import type { PathSegment, YamlSource } from './yaml-source';

/** Only items the schema accepts in their required shape are compiled; the schema reports the rest. */
function looksValid(v: unknown): v is CelPolicySpec {
  if (!isMapping(v) || typeof v['id'] !== 'string' || typeof v['title'] !== 'string' || typeof v['severity'] !== 'string') return false;
  const m = v['match'];
  if (!isMapping(m) || !Array.isArray(m['kinds']) || !m['kinds'].every((k) => typeof k === 'string')) return false;
  if (m['condition'] !== undefined && typeof m['condition'] !== 'string') return false;
  const vs = v['validations'];
  return Array.isArray(vs) && vs.every((x) => isMapping(x) && typeof x['expression'] === 'string');
}

export function readCelPolicies(
  value: unknown,
  src: YamlSource,
  file: string,
  known: ReadonlySet<string>,
): { policies: Policy[]; ids: string[]; errors: ConfigError[] } {
  const policies: Policy[] = [];
  const errors: ConfigError[] = [];
  if (!Array.isArray(value)) return { policies, ids: [], errors };
  const error = (path: PathSegment[], message: string) => errors.push({ file, line: src.lineOf(path), message: `${fieldPathString(path)}: ${message}` });
  const ids = new Set<string>();
  value.forEach((raw, i) => {
    const at: PathSegment[] = ['policies', i];
    if (!looksValid(raw)) return;
    if (known.has(raw.id)) return error([...at, 'id'], `${JSON.stringify(raw.id)} is already the id of a check or policy`);
    if (ids.has(raw.id)) return error([...at, 'id'], `duplicate policy id ${JSON.stringify(raw.id)}`);
    ids.add(raw.id);
    const built = celPolicy(raw);
    if ('problems' in built) {
      for (const p of built.problems) {
        const where = [...at, ...p.path];
        const inside = p.error.line > 1 ? `line ${p.error.line}, column ${p.error.column}` : `column ${p.error.column}`;
        const line = src.lineOf(where);
        errors.push({
          file,
          ...(line !== undefined ? { line } : {}),
          message: `${fieldPathString(where)}: ${inside} of the expression: ${p.error.message}`,
        });
      }
      return;
    }
    const problems = validatePolicies([built.policy]);
    if (problems.length > 0) return error([...at, 'id'], problems.join('; '));
    policies.push(built.policy);
  });
  // Every id defined here, compiled or not: a policy whose expression is wrong is reported once, not again where exceptions name it.
  return { policies, ids: [...ids], errors };
}
