// Runs a JSON Schema over a configuration value with ajv and turns its errors into one clear
// line each, located at the offending key or value. ajv is loaded only when a file is given.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { fieldPathString } from '../psa/field-error';
import type { ConfigError } from './config-error';
import type { PathSegment, YamlSource } from './yaml-source';

const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = (require('ajv') as { default: new (o: object) => { compile(s: object): ValidateFunction } }).default;
    v = new Ajv({ allErrors: true, strict: false }).compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

function segmentsOf(instancePath: string, value: unknown): PathSegment[] {
  const out: PathSegment[] = [];
  let node: unknown = value;
  for (const raw of instancePath.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step: PathSegment = Array.isArray(node) ? Number(seg) : seg;
    out.push(step);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
  }
  return out;
}

function describe(e: ErrorObject, data: unknown): { message: string; key?: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { message: `unknown field ${JSON.stringify(p['additionalProperty'])}`, key: String(p['additionalProperty']) };
    case 'required':
      return { message: `missing required field ${JSON.stringify(p['missingProperty'])}` };
    case 'enum':
      return { message: `${JSON.stringify(data)} is not one of ${(p['allowedValues'] as unknown[]).map(String).join(', ')}` };
    case 'const':
      return { message: `must be ${JSON.stringify(p['allowedValue'])}, not ${JSON.stringify(data)}` };
    case 'type':
      return { message: `must be ${p['type'] === 'array' ? 'a list' : p['type'] === 'object' ? 'a mapping' : `a ${String(p['type'])}`}` };
    case 'anyOf':
      return { message: 'must be a string or a list of strings' };
    default:
      return { message: e.message ?? 'is invalid' };
  }
}

export function validateSchema(schema: object, value: unknown, src: YamlSource, file: string, prefix: readonly PathSegment[] = []): ConfigError[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  const errors: ConfigError[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    if (e.schemaPath.includes('/anyOf/')) continue; // the anyOf error itself says it once
    const path = segmentsOf(e.instancePath, value);
    let data: unknown = value;
    for (const s of path) data = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[String(s)] : undefined;
    const { message, key } = describe(e, data);
    const where = key !== undefined ? [...path, key] : path;
    const full = [...prefix, ...where];
    const text = `${fieldPathString(full) || '(top level)'}: ${message}`;
    if (seen.has(text)) continue;
    seen.add(text);
    errors.push({ file, line: src.lineOf(full, key !== undefined), message: text });
  }
  return errors;
}
