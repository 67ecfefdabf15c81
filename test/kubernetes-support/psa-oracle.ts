// Talks to test/kubernetes/cmd/psa-oracle: upstream's Pod Security Admission evaluator and
// sigs.k8s.io/yaml, one JSON line per pod or YAML document.

import { jsonLines, run } from './processes';
import { toolPath } from './tools';

export interface Profile {
  readonly level: string;
  readonly version: string;
}

export interface Violation {
  readonly check: string;
  readonly reason: string;
  readonly detail: string;
}

export interface OracleVerdict extends Profile {
  readonly allowed: boolean;
  readonly violations: Violation[];
  /** upstream's aggregate ForbiddenDetail: the text after `violates PodSecurity "…": ` */
  readonly message: string;
}

export interface OracleAnswer {
  readonly id: string;
  readonly error?: string;
  readonly verdicts?: OracleVerdict[];
}

export async function oracleEvaluate(requests: readonly { id: string; profiles: readonly Profile[]; pod: unknown }[]): Promise<Map<string, OracleAnswer>> {
  const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const done = await run(toolPath('psa-oracle'), ['eval'], { input });
  if (done.code !== 0) throw new Error(`psa-oracle eval exited with ${done.code}: ${done.stderr}`);
  const answers = jsonLines<OracleAnswer>(done.stdout, 'psa-oracle eval');
  return new Map(answers.map((a) => [a.id, a]));
}

export interface OracleDocument {
  readonly document: number;
  readonly object?: unknown;
  readonly error?: string;
}

export async function oracleReadYAML(text: string): Promise<OracleDocument[]> {
  const done = await run(toolPath('psa-oracle'), ['yaml'], { input: text });
  if (done.code !== 0) throw new Error(`psa-oracle yaml exited with ${done.code}: ${done.stderr}`);
  return jsonLines<OracleDocument>(done.stdout, 'psa-oracle yaml');
}

/** Many independent streams through one oracle process. */
export async function oracleReadYAMLBatch(cases: readonly { id: string; yaml: string }[]): Promise<Map<string, OracleDocument[]>> {
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  const done = await run(toolPath('psa-oracle'), ['yaml-batch'], { input });
  if (done.code !== 0) throw new Error(`psa-oracle yaml-batch exited with ${done.code}: ${done.stderr}`);
  const answers = jsonLines<{ id: string; documents: OracleDocument[] }>(done.stdout, 'psa-oracle yaml-batch');
  return new Map(answers.map((a) => [a.id, a.documents]));
}
