import type { SqlJsStatic } from 'sql.js';
import type { DataCatalog } from '../data/catalog';
import type { DocStorePort } from '../data/docstore';
import type { DuckPort } from '../data/duck';
import type { JobPlan, Partial, PartReport } from '../data/partitions';
import type { RegistryPort } from '../registry/types';
import type { ServingPort } from '../serving/port';
import type { TrackingPort } from '../tracking';
import type { MlpTrainer } from '../train/mlp';
import type { GbdtTrainer } from '../train/gbdt/trainer';
import type { PipelineConfig, PipelineResult, RunOptions } from '../pipeline';
import type { LabProjectServices } from './project-services';
import type { AppFormPort } from '../apps/store';
import type { CiRunPort } from '../ci/run-port';
import { LabError } from './errors';

/**
 * What the `lab` API reaches outside the kernel: storage and data. The kernel worker provides the
 * real ones (IndexedDB, the site's shipped files); Node tests provide in-memory ones.
 */
export interface LabServices {
  catalog: DataCatalog;
  sql: {
    /** sql.js, initialised once, loaded only when a cell first uses SQL. */
    engine(): Promise<SqlJsStatic>;
    load(name: string): Promise<Uint8Array | null>;
    save(name: string, bytes: Uint8Array): Promise<void>;
  };
  documents: DocStorePort;
  tracking: TrackingPort;
  registry: RegistryPort;
  /** The student's projects and the kernel's active project (`lab.project`, `project:` imports). */
  projects: LabProjectServices;
  /** Endpoints, their timeline and the request log of the prediction API. */
  serving: ServingPort;
  /** The forms cells declared with lab.app.form (the workspace's settings in the app). */
  apps: AppFormPort;
  /** Stored CI runs and branch protection (`lab.ci`); runs stay in memory without it. */
  ci?: CiRunPort;
  /** The site's root URL: cells' relative URLs and `api/…` resolve against it. */
  siteUrl: string;
  /** Whether `api/…` may be fetched over the network first (a service worker may answer it). */
  networkApi: boolean;
  /** Trains MLPs with TensorFlow.js: in a worker of its own in the app, in-process in tests. */
  fitMlp: MlpTrainer;
  /** Trains boosted trees: in a worker of its own in the app; in-process when left out. */
  fitGbdt?: GbdtTrainer;
  /** Pipelines run side by side for sweeps: one worker per lane in the app. */
  pipelineLanes: {
    size: number;
    open(): {
      run(config: PipelineConfig, options: RunOptions): Promise<PipelineResult>;
      close(): void;
    };
  };
  /** DuckDB (lab.duck): a worker of its own in the app, started on first use; in-process in Node. */
  duck: DuckPort;
  partitions: {
    /**
     * Map/reduce `plan` over `parts` parts of a CSV file, each part in its own worker. `signal`
     * aborting stops the job (the app terminates its workers) and rejects with its reason.
     */
    run(
      file: Blob,
      plan: JobPlan,
      parts: number,
      onPart: (report: PartReport) => void,
      signal?: AbortSignal,
    ): Promise<{ partial: Partial; parts: PartReport[] }>;
    /** How many parts run at once here (the worker pool's size). */
    poolSize: number;
    /** The bytes of a shipped file under datasets/, gunzipped. */
    shippedBytes(file: string): Promise<Uint8Array>;
  };
}

let services: LabServices | undefined;

export function setLabServices(value: LabServices): void {
  services = value;
}

export function labServices(): LabServices {
  if (!services)
    throw new LabError(
      'no-services',
      'The lab API has no storage in this kernel (setLabServices was not called).',
    );
  return services;
}
