import type { ModelRegistry, ModelVersion } from '../registry';
import type { RunSource } from '../tracking/types';
import { labServices } from './services';

export const sameCell = (a: RunSource, b: RunSource) =>
  !!a.lessonId &&
  !!a.cellId &&
  !!a.execution &&
  !!b.execution &&
  a.lessonId === b.lessonId &&
  a.cellId === b.cellId &&
  a.execution !== b.execution;

/**
 * Running a lesson cell again registers the same models again. When a version of `name` was
 * registered from an earlier run of the same cell, with the same model JSON, the version is kept
 * and moved onto the new run instead of piling up as a new number (Run all twice leaves one set
 * of versions; aliases and deployments that name it stay right). Undefined when there is none.
 */
export async function reRegistered(
  registry: ModelRegistry,
  source: string,
  name: string,
): Promise<ModelVersion | undefined> {
  const { tracking, registry: port } = labServices();
  const runId = /^runs:\/([^/]+)\//.exec(source)?.[1];
  const run = runId ? await tracking.run(runId) : undefined;
  if (!run?.source.execution) return undefined;
  const versions = await port.versions(name).catch(() => []);
  if (versions.length === 0) return undefined;
  const json = JSON.stringify((await registry.loadPredictor(source)).json);
  for (const version of versions) {
    const earlier = await tracking.run(version.runId);
    if (!earlier || !sameCell(run.source, earlier.source)) continue;
    const before = await registry.loadPredictor(version.source).catch(() => undefined);
    if (!before || JSON.stringify(before.json) !== json) continue;
    const moved = { ...version, runId: run.id, source };
    await port.putVersion(moved);
    return moved;
  }
  return undefined;
}
