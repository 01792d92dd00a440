import type { RollbackRules } from './deployment';
import type { RequestRecord } from './endpoint';
import { statsOf } from './stats';

export type Verdict = { rollback: false } | { rollback: true; reason: string };

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * Should the canary be pulled back? Judged on the latest `rules.window` requests of each
 * variant, and only once the canary has enough of them: a single slow request is not a trend.
 */
const recentOf = (records: readonly RequestRecord[], variant: string, rules: RollbackRules) =>
  records.filter((r) => r.variant === variant && r.shadowOf === null).slice(-rules.window);

export function judgeCanary(records: readonly RequestRecord[], rules: RollbackRules): Verdict {
  const recent = (variant: string) => recentOf(records, variant, rules);
  const canary = statsOf(recent('canary'));
  if (!canary || canary.requests < rules.minRequests) return { rollback: false };
  if (canary.errorRate > rules.maxErrorRate)
    return {
      rollback: true,
      reason: `canary error rate ${pct(canary.errorRate)} over its last ${canary.requests} requests exceeds ${pct(rules.maxErrorRate)}`,
    };
  if (canary.p95Ms > rules.maxP95Ms)
    return {
      rollback: true,
      reason: `canary p95 latency ${canary.p95Ms.toFixed(1)} ms exceeds ${rules.maxP95Ms} ms`,
    };
  if (
    rules.maxLabelErrorRatio !== null &&
    canary.mae !== null &&
    canary.labelled >= rules.minRequests
  ) {
    const stable = statsOf(recent('stable'));
    if (stable?.mae && stable.labelled >= rules.minRequests) {
      const ratio = canary.mae / stable.mae;
      if (ratio > rules.maxLabelErrorRatio)
        return {
          rollback: true,
          reason: `canary MAE ${canary.mae.toFixed(2)} is ${ratio.toFixed(2)}× the stable's ${stable.mae.toFixed(2)} on labelled requests (limit ${rules.maxLabelErrorRatio}×)`,
        };
    }
  }
  return { rollback: false };
}

/**
 * Should the canary take its plan's next step on its own? Once it has answered `after` requests
 * at this step and the rules find nothing wrong. When the rules compare errors on labels, it also
 * waits until enough of its requests are labelled: a worse model answers fast and without errors,
 * so stepping up before the labels arrive would ramp it on no evidence.
 */
export function readyToAdvance(
  records: readonly RequestRecord[],
  rules: RollbackRules,
  canaryRequests: number,
  after: number,
): boolean {
  if (canaryRequests < Math.max(after, rules.minRequests)) return false;
  if (judgeCanary(records, rules).rollback) return false;
  if (rules.maxLabelErrorRatio === null) return true;
  return (statsOf(recentOf(records, 'canary', rules))?.labelled ?? 0) >= rules.minRequests;
}
