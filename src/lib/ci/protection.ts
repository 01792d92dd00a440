import { CiError } from './errors';
import type { RunStatus, WorkflowRun } from './run-types';

/** A project's branch protection: which workflows must be green before merging into `branch`. */
export interface ProtectionRules {
  branch: string;
  /** Workflow names (their `name:`, or the file name without .yml). */
  requiredWorkflows: string[];
}

export const NO_PROTECTION: ProtectionRules = { branch: 'main', requiredWorkflows: [] };

/** The latest run of `workflow` for commit `sha`, or undefined. */
function latestRun(
  runs: readonly WorkflowRun[],
  workflow: string,
  sha: string,
): WorkflowRun | undefined {
  return runs
    .filter((r) => r.workflow === workflow && r.event.sha === sha)
    .sort((a, b) => b.createdAt - a.createdAt)[0];
}

const describe = (status: RunStatus | undefined) =>
  status === undefined
    ? 'has not run on it'
    : status === 'running' || status === 'queued'
      ? 'is still running on it'
      : `is ${status === 'success' ? 'green' : `red (${status})`} on it`;

/**
 * May branch `from` (at commit `sha`) be merged into `into`? Refused, with what to do, while a
 * required workflow has not passed on that commit — as GitHub's required status checks.
 */
export function mergeRefusal(
  rules: ProtectionRules,
  runs: readonly WorkflowRun[],
  into: string,
  from: string,
  sha: string,
): CiError | null {
  if (into !== rules.branch || rules.requiredWorkflows.length === 0) return null;
  const blocking = rules.requiredWorkflows
    .map((w) => ({ w, status: latestRun(runs, w, sha)?.status }))
    .filter((x) => x.status !== 'success');
  if (blocking.length === 0) return null;
  return new CiError(
    'protected',
    `${rules.branch} is protected: ${blocking.map((b) => `the required workflow "${b.w}" ${describe(b.status)}`).join('; ')} (${from} at ${sha.slice(0, 7)}). Fix the failure, commit and push ${from} again, and merge once it is green. Nothing was merged.`,
  );
}

/**
 * May a model version become champion? Refused when a workflow run that produced or tested it
 * failed (the latest such run decides), so a red pipeline cannot crown its model.
 */
export function championRefusal(
  runs: readonly WorkflowRun[],
  name: string,
  version: number,
): string | null {
  const mine = runs
    .filter((r) => r.vouched.some((v) => v.name === name && v.version === version))
    .sort((a, b) => b.createdAt - a.createdAt);
  const latest = mine[0];
  if (
    !latest ||
    latest.status === 'success' ||
    latest.status === 'running' ||
    latest.status === 'queued'
  ) {
    // A running workflow may set the alias from its own later step, once the steps before passed.
    const failedSoFar = latest?.jobs.some(
      (j) =>
        j.status === 'failure' ||
        j.steps.some((s) => s.status === 'failure' || s.status === 'timed-out'),
    );
    if (!failedSoFar) return null;
  }
  return `its workflow "${latest!.workflow}" (run ${latest!.id.slice(0, 8)}) is ${latest!.status === 'running' ? 'failing' : latest!.status}. Fix what failed and run the workflow again.`;
}
