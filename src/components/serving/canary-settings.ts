import type { RollbackRules } from '../../lib/serving';

/** "10, 25 50,100" → [10, 25, 50, 100]; an error message names the first bad step. */
export function parsePlan(text: string): { plan: number[] } | { error: string } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0)
    return { error: 'A ramp plan needs at least one step, e.g. 10, 25, 50, 100.' };
  const plan: number[] = [];
  for (const part of parts) {
    const n = Number(part.replace(/%$/, ''));
    if (!Number.isFinite(n) || n <= 0 || n > 100)
      return { error: `"${part}" is not a step: each step is a share from 1 to 100 %.` };
    plan.push(n);
  }
  return { plan: [...new Set(plan)].sort((a, b) => a - b) };
}

/** The automatic ramp's field: blank = by hand, else a whole number of requests (1 or more). */
export function parseAutoAdvance(text: string): { autoAdvance: number | null } | { error: string } {
  if (text.trim() === '') return { autoAdvance: null };
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    return {
      error: `"${text}" is not a number of requests: a whole number, 1 or more, or blank to step by hand.`,
    };
  return { autoAdvance: n };
}

/** The step after `percent` on the plan (100 = promotion). */
export function nextStep(plan: readonly number[], percent: number): number {
  return [...plan].sort((a, b) => a - b).find((p) => p > percent) ?? 100;
}

/** The rollback rules as the form shows them: error rate in %, blank ratio = not compared. */
export interface RulesDraft {
  maxErrorPercent: string;
  maxP95Ms: string;
  maxLabelErrorRatio: string;
  minRequests: string;
}

export function rulesDraft(rules: RollbackRules): RulesDraft {
  return {
    maxErrorPercent: String(+(rules.maxErrorRate * 100).toFixed(4)),
    maxP95Ms: String(rules.maxP95Ms),
    maxLabelErrorRatio: rules.maxLabelErrorRatio === null ? '' : String(rules.maxLabelErrorRatio),
    minRequests: String(rules.minRequests),
  };
}

/** The draft as rules (the window kept), or the first field that is not a valid number. */
export function rulesFrom(
  draft: RulesDraft,
  current: RollbackRules,
): { rules: RollbackRules } | { error: string } {
  const num = (s: string) => (s.trim() === '' ? NaN : Number(s));
  const errorPct = num(draft.maxErrorPercent);
  const p95 = num(draft.maxP95Ms);
  const ratio = draft.maxLabelErrorRatio.trim() === '' ? null : num(draft.maxLabelErrorRatio);
  const min = num(draft.minRequests);
  if (!(errorPct >= 0 && errorPct <= 100)) return { error: 'Max error rate is 0–100 %.' };
  if (!(p95 > 0)) return { error: 'Max p95 latency is a positive number of ms.' };
  if (ratio !== null && !(ratio > 0))
    return {
      error: 'Max label-error ratio is a positive number (e.g. 1.2), or blank to not compare.',
    };
  if (!(Number.isInteger(min) && min > 0))
    return { error: 'Min requests is a whole number above 0.' };
  return {
    rules: {
      ...current,
      maxErrorRate: errorPct / 100,
      maxP95Ms: p95,
      maxLabelErrorRatio: ratio,
      minRequests: min,
    },
  };
}

/** Rules in words for the timeline note. */
export function describeRules(r: RollbackRules): string {
  return `errors ≤ ${+(r.maxErrorRate * 100).toFixed(2)} %, p95 ≤ ${r.maxP95Ms} ms, ${
    r.maxLabelErrorRatio === null ? 'MAE not compared' : `MAE ≤ ${r.maxLabelErrorRatio}× stable`
  }, after ${r.minRequests} requests`;
}
