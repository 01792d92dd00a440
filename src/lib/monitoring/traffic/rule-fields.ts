import { z } from 'zod';
import { alertRulesSchema, type AlertRules, type AlertRulesInput } from './alerts';

export type RuleKey = keyof AlertRules;

/** One alert rule as a form field, read from alertRulesSchema (its type, default and description). */
export interface RuleField {
  key: RuleKey;
  label: string;
  description: string;
  kind: 'boolean' | 'number';
  /** A number rule that can be switched off (left empty). */
  nullable: boolean;
  integer: boolean;
  min: number | null;
  max: number | null;
  default: boolean | number | null;
}

const LABELS: Partial<Record<RuleKey, string>> = {
  datasetDrift: 'Dataset drift',
  predictionDrift: 'Prediction drift',
  maeRatio: 'MAE ratio (× reference)',
  minLabelled: 'Min labels per window',
  p95Ms: 'Latency p95 (ms)',
  errorRate: 'Error rate (0–1)',
  minThroughput: 'Throughput below (requests/s)',
};

function fieldOf(key: RuleKey, schema: z.ZodType): RuleField {
  let inner: z.ZodType = schema;
  let fallback: unknown = null;
  let nullable = false;
  if (inner instanceof z.ZodDefault) {
    fallback = inner.def.defaultValue;
    inner = inner.unwrap() as z.ZodType;
  }
  if (inner instanceof z.ZodNullable) {
    nullable = true;
    inner = inner.unwrap() as z.ZodType;
  }
  const number = inner instanceof z.ZodNumber ? inner : null;
  const bound = (v: number | null | undefined) =>
    v === null || v === undefined || !Number.isFinite(v) ? null : v;
  return {
    key,
    label: LABELS[key] ?? key,
    description: schema.description ?? '',
    kind: number ? 'number' : 'boolean',
    nullable,
    integer: number?.isInt ?? false,
    min: bound(number?.minValue),
    max: bound(number?.maxValue),
    default: fallback as RuleField['default'],
  };
}

/** Every alert rule, in the schema's order: a new rule in the schema appears in the form. */
export const RULE_FIELDS: readonly RuleField[] = Object.entries(alertRulesSchema.shape).map(
  ([key, schema]) => fieldOf(key as RuleKey, schema as z.ZodType),
);

/** The form's values: booleans, and numbers as typed ('' = off). */
export type RulesDraft = Record<RuleKey, boolean | string>;

export function defaultDraft(): RulesDraft {
  return Object.fromEntries(
    RULE_FIELDS.map((f) => [
      f.key,
      f.kind === 'boolean' ? f.default === true : String(f.default ?? ''),
    ]),
  ) as RulesDraft;
}

export type ParsedRules =
  { ok: true; rules: AlertRulesInput } | { ok: false; issues: Partial<Record<RuleKey, string>> };

/** The draft as alert rules, or what is wrong with each field (in the schema's words). */
export function parseDraft(draft: RulesDraft): ParsedRules {
  const issues: Partial<Record<RuleKey, string>> = {};
  const input: Record<string, unknown> = {};
  for (const f of RULE_FIELDS) {
    const value = draft[f.key];
    if (f.kind === 'boolean') input[f.key] = value === true;
    else if (typeof value === 'string' && value.trim() === '') {
      if (f.nullable) input[f.key] = null;
      else issues[f.key] = 'a number is needed';
    } else input[f.key] = Number(value);
  }
  const parsed = alertRulesSchema.safeParse(input);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as RuleKey;
      issues[key] ??= issue.message;
    }
  return Object.keys(issues).length
    ? { ok: false, issues }
    : { ok: true, rules: input as AlertRulesInput };
}
