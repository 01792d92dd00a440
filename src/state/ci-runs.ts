import { FINISHED, type WorkflowRun } from '../lib/ci/run-types';

/**
 * A finished run never changes (a re-run is a new run): keeping the objects already shown lets
 * Svelte skip their rows, so a poll while a run goes re-renders that run only, however many
 * runs the list holds.
 */
export function keepFinished(shown: WorkflowRun[], fresh: WorkflowRun[]): WorkflowRun[] {
  const done = new Map(shown.filter((r) => FINISHED.includes(r.status)).map((r) => [r.id, r]));
  return fresh.map((r) => done.get(r.id) ?? r);
}
