import type { StartedBy } from '../ci/ci-service';
import type { CiRunPort } from '../ci/run-port';
import { ModelRegistry } from '../registry';
import type { RunSource } from '../tracking/types';
import { cellControl } from './rerun-events';
import { reRegistered, sameCell } from './rerun-versions';
import { labServices } from './services';
import { replaceEarlierRuns } from './tracking';

/**
 * What a workflow run started by a lesson cell (an alert, a dispatch, a scheduled run) works
 * with: its pipeline runs, model versions, deployment events and its own record carry the cell
 * run, and the workflow runs an earlier run of the same cell started are replaced — their
 * records deleted, their tracked runs to the trash, their timeline events removed, a version of
 * the same model kept (./rerun-versions.ts). An alert the cell sends again re-makes the same
 * products, so Run all twice leaves one set. A push is not here: the remote answers a commit it
 * has with "Everything up-to-date" and nothing starts, so nothing piles up; what a push started
 * belongs to its commit. Runs started by hand (the CI panel) carry no cell and stay.
 */
export async function cellWorkflows(
  source: RunSource | undefined,
  port: CiRunPort,
  projectId: string,
): Promise<StartedBy> {
  if (!source?.lessonId || !source.cellId || !source.execution) return {};
  const cell = { ...source }; // the kernel's source moves on with the next cell
  const earlier = (await port.runs(projectId)).filter((r) => r.source && sameCell(cell, r.source));
  if (earlier.length) await port.removeRuns(earlier.map((r) => r.id));
  await replaceEarlierRuns(cell);
  const { registry, tracking } = labServices();
  return {
    source: cell,
    serving: await cellControl(cell),
    reuseVersion: (model, name) => reRegistered(new ModelRegistry(registry, tracking), model, name),
  };
}
