// The JSON Schema of podguard.yaml. Checked with ajv; check ids and patterns are checked
// afterwards against the catalogue (so every unknown id is reported together, with its line).

import { SEVERITIES } from '../policies/severity';
import { PRESETS } from '../policies/presets';
import { LEVELS } from '../pss/levels';
import { CATEGORIES } from '../policies/policy';

const stringOrList = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
const idList = { type: 'array', items: { type: 'string' } };

/** A CEL policy over objects of any kind (src/cel/policy.ts; docs/cel.md). */
const celPolicy = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'severity', 'match', 'validations'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    severity: { enum: [...SEVERITIES] },
    category: { enum: [...CATEGORIES] },
    preset: { enum: ['recommended', 'strict'] },
    rationale: { type: 'string' },
    remediation: { type: 'string' },
    references: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['title', 'url'], properties: { title: { type: 'string' }, url: { type: 'string' } } },
    },
    celVersion: { type: 'string' },
    match: {
      type: 'object',
      additionalProperties: false,
      required: ['kinds'],
      properties: {
        kinds: { type: 'array', minItems: 1, items: { type: 'string' } },
        namespaces: idList,
        labelSelector: {
          type: 'object',
          additionalProperties: false,
          properties: {
            matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
            matchExpressions: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['key', 'operator'],
                properties: { key: { type: 'string' }, operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }, values: idList },
              },
            },
          },
        },
        condition: { type: 'string' },
      },
    },
    validations: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['expression'],
        properties: { expression: { type: 'string' }, message: { type: 'string' }, messageExpression: { type: 'string' } },
      },
    },
  },
};

/** Settings that may be given at the top level and per namespace. */
const settingsProperties = {
  level: { enum: [...LEVELS] },
  version: { type: 'string' },
  preset: { enum: [...PRESETS] },
  include: idList,
  exclude: idList,
  severity: { type: 'object', additionalProperties: { enum: [...SEVERITIES] } },
  failOn: { enum: [...SEVERITIES] },
};

export const CONFIG_KIND = 'PodguardConfiguration';
export const CONFIG_API_VERSION = 'podguard.dev/v1alpha1';

export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    apiVersion: { const: CONFIG_API_VERSION },
    kind: { const: CONFIG_KIND },
    ...settingsProperties,
    namespaces: {
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: false, properties: settingsProperties },
    },
    exemptions: {
      type: 'object',
      additionalProperties: false,
      properties: { namespaces: idList, runtimeClasses: idList, usernames: idList },
    },
    lockedChecks: idList,
    annotationExceptions: { type: 'boolean' },
    // Inputs: gitignore-style patterns left out of directory walks, whether finding no pod is an
    // error, and the programs that render kustomizations and charts.
    ignore: idList,
    failIfNoObjects: { type: 'boolean' },
    tools: {
      type: 'object',
      additionalProperties: false,
      properties: { helm: { type: 'string' }, kustomize: { type: 'string' } },
    },
    policies: { type: 'array', items: celPolicy },
    exceptions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['checks'], // a missing justification is reported by the loader (code no-justification)
        properties: {
          id: { type: 'string' },
          namespace: stringOrList,
          kind: stringOrList,
          name: stringOrList,
          container: stringOrList,
          checks: stringOrList,
          justification: { type: 'string' },
          expires: { type: 'string' },
        },
      },
    },
  },
} as const;
