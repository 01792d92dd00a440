import type { RunSource } from '../tracking/types';
import type { Combination } from './matrix';

export type RunStatus =
  'queued' | 'running' | 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed-out';
export const FINISHED: readonly RunStatus[] = [
  'success',
  'failure',
  'cancelled',
  'skipped',
  'timed-out',
];

/** What started a run. `sha`/`branch` say which commit's files the steps see. */
export type TriggerEvent =
  | { name: 'push'; branch: string; sha: string }
  | { name: 'pull_request'; base: string; head: string; sha: string }
  | { name: 'workflow_dispatch'; branch: string; sha: string; inputs: Record<string, string> }
  | { name: 'schedule'; branch: string; sha: string; cron: string; at: number }
  | {
      name: 'repository_dispatch';
      branch: string;
      sha: string;
      type: string;
      payload: Record<string, string>;
    };

export interface StepRecord {
  name: string;
  status: RunStatus;
  startedAt: number | null;
  durationMs: number | null;
  log: string[];
  outputs: Record<string, string>;
  /** Why the step failed, timed out or was skipped, worded for the student. */
  error: string | null;
}

export interface JobRecord {
  /** `train` or, for a matrix, `train (0.1, 2)`: unique in the run. */
  key: string;
  jobId: string;
  name: string;
  matrix: Combination | null;
  status: RunStatus;
  startedAt: number | null;
  durationMs: number | null;
  steps: StepRecord[];
  outputs: Record<string, string>;
  error: string | null;
}

/** One run of one workflow: stored as it is, shown on the CI page, read by branch protection. */
export interface WorkflowRun {
  id: string;
  projectId: string;
  /** `.github/workflows/ci.yml` */
  file: string;
  workflow: string;
  event: TriggerEvent;
  status: RunStatus;
  createdAt: number;
  durationMs: number | null;
  jobs: JobRecord[];
  /** CML-style Markdown reports the jobs posted, in order. */
  reports: { job: string; markdown: string }[];
  artifacts: { job: string; name: string; text: string }[];
  /** Model versions this run produced or tested: their champion gate reads this run's result. */
  vouched: { name: string; version: number }[];
  /** The run this one re-runs, if any. */
  rerunOf: string | null;
  /** The lesson cell run that started it, when a cell did (see CiServices.source). */
  source?: RunSource;
}

export type RunEvent =
  | { type: 'update'; run: WorkflowRun }
  | { type: 'log'; runId: string; job: string; step: number; line: string };
