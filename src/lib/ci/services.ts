import type { PipelineServices } from '../pipeline';
import type { ModelRegistry } from '../registry';
import type { RunTestsOptions, TestReport } from '../project/testing';
import type { DeploymentControl } from '../serving/control';
import type { ModelVersion } from '../registry';
import type { RunSource } from '../tracking/types';

/**
 * What the steps of a run work on: the same objects the UI and the `lab` API use. The app hands
 * over its stores (and the test runner's watched worker as `runTests`); Node tests hand over
 * memory ports. Nothing here is a stand-in: a step does what its library function does.
 */
export interface CiServices {
  /** The project's text files at the commit the run is for, by path. */
  files(): Promise<Readonly<Record<string, string>>>;
  /**
   * Runs project tests; defaults to runProjectTests in the runner's own thread. The app runs a
   * watched worker per call and terminates it when `signal` fires (the step's limit or a cancel),
   * so a test stuck in a loop cannot hold the CI worker.
   */
  runTests?: (
    files: Readonly<Record<string, string>>,
    options: RunTestsOptions,
    signal: AbortSignal,
  ) => Promise<TestReport>;
  pipeline?: PipelineServices;
  registry?: ModelRegistry;
  serving?: DeploymentControl;
  /**
   * The lesson cell run that started the workflow (lab.ci.alert, dispatch, advanceClock): the
   * run record, the pipeline's tracked runs and (through `serving`) the deployment events carry
   * it, so running the cell again replaces what this run made (lab/rerun-ci.ts).
   */
  source?: RunSource;
  /** A version to keep instead of registering the same model again (lab/rerun-versions.ts). */
  reuseVersion?: (source: string, name: string) => Promise<ModelVersion | undefined>;
}

/** What a step can do besides its own work: log, set outputs, keep artifacts, post a report. */
export interface StepContext {
  services: CiServices;
  signal: AbortSignal;
  log(line: string): void;
  setOutput(name: string, value: string): void;
  artifact(name: string, text: string): void;
  report(markdown: string): void;
  /** Marks the run as the CI result of a model version (the champion gate reads it). */
  vouchFor(version: { name: string; version: number }): void;
}
