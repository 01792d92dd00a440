export type RunStatus = 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface Experiment {
  id: string;
  name: string;
  createdAt: number;
}

export interface MetricSummary {
  value: number;
  step: number;
  timestamp: number;
  min: number;
  max: number;
}

/** Where a run came from: the lesson and cell, and the kernel session that ran it. */
export interface RunSource {
  lessonId?: string;
  cellId?: string;
  /** The kernel's session: while it lives it holds a Web Lock named after it (./liveness.ts). */
  session?: string;
  /** Which run of the cell started it: a later run of the same cell replaces its runs. */
  execution?: string;
}

/** A run, MLflow's unit of tracking: one execution of training code, with what it used and got. */
export interface Run {
  id: string;
  experimentId: string;
  name: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  source: RunSource;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** The last value of each metric, with its min and max over all steps. */
  metrics: Record<string, MetricSummary>;
  deletedAt: number | null;
}

export interface MetricPoint {
  runId: string;
  key: string;
  step: number;
  value: number;
  timestamp: number;
}

/** One run's history of one metric in columns, steps ascending: what a chart of many runs reads. */
export interface MetricColumns {
  runId: string;
  key: string;
  steps: number[];
  values: number[];
  timestamps: number[];
}

export interface ArtifactInfo {
  runId: string;
  path: string;
  mime: string;
  size: number;
  createdAt: number;
}

/** Where tracking data lives (IndexedDB in the app, memory in tests). */
export interface TrackingPort {
  experimentByName(name: string): Promise<Experiment | undefined>;
  putExperiment(experiment: Experiment): Promise<void>;
  experiments(): Promise<Experiment[]>;
  run(id: string): Promise<Run | undefined>;
  putRun(run: Run): Promise<void>;
  runs(experimentId?: string): Promise<Run[]>;
  /**
   * Stores metric points and, with them, the run's new summaries (`run`): both or neither, so a
   * failed write never leaves a history without its summary.
   */
  appendMetrics(points: MetricPoint[], run?: Run): Promise<void>;
  metricHistory(runId: string, key: string): Promise<MetricPoint[]>;
  /**
   * `metricHistory` of many runs in one read (a comparison of 500 runs), in columns: one per run,
   * in order, empty for a run without the metric.
   */
  metricHistories(runIds: string[], key: string): Promise<MetricColumns[]>;
  putArtifact(info: ArtifactInfo, bytes: Uint8Array): Promise<void>;
  artifacts(runId: string): Promise<ArtifactInfo[]>;
  artifact(runId: string, path: string): Promise<Uint8Array | undefined>;
}
