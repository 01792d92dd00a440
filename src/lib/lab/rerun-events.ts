import type { DeploymentControl } from '../serving/control';
import type { RunSource } from '../tracking/types';
import { sameCell } from './rerun-versions';
import { labServices } from './services';
import { kernelRouter } from './serving-router';

/**
 * The deployment control a cell's lab.serving calls use. Running a lesson cell again replaces the
 * timeline events its earlier run made, as its runs are replaced (lab/tracking.ts) and its
 * versions kept (./rerun-versions.ts): Run all twice leaves one timeline. The control records
 * this run as the maker of its changes; changes made by hand (the Serving page, a widget) carry
 * no source and stay history.
 */
export async function cellControl(source: RunSource | undefined): Promise<DeploymentControl> {
  const control = kernelRouter().control;
  if (!source?.lessonId || !source.cellId || !source.execution) return control;
  // The kernel's source changes as the next cell starts: this call keeps the one it began in.
  const cell = { ...source };
  const port = labServices().serving;
  for (const { name } of await port.endpoints()) {
    const earlier = (await port.events(name)).filter((e) => e.source && sameCell(cell, e.source));
    if (earlier.length === 0) continue;
    await port.removeEvents(earlier.map((e) => e.id));
    port.notify(name);
  }
  return control.by(cell);
}
