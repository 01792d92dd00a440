import { expose } from 'comlink';
import {
  alertRulesSchema,
  MAX_WINDOW,
  monitoredRequests,
  referenceForVersion,
  monitorTraffic,
  monitoredEntries,
  servedModel,
  type Alert,
  type MonitoredEntry,
  type ServedModel,
  type ServedProblemCode,
  type AlertRules,
  type AlertRulesInput,
  type Reference,
  type ReferenceSource,
  type WindowReport,
} from '../lib/monitoring/traffic';
import type { ColumnDrift, DriftOptions } from '../lib/monitoring/detect';
import { courseSplit } from '../lib/pipeline/run';
import type { RequestRecord } from '../lib/serving';
import type { ProjectStoragePort } from '../lib/project/storage-port';
import { openStore } from '../lib/store/open';
import { dexieProjectPort } from '../lib/store/project-port';
import { STUDENT_API_FILE } from '../lib/serving/student/protocol';
import { openServingHost, type ServingHost } from './serving-host';

/** One input's (or the predictions') drift in a window, as the charts draw it. */
export interface FeatureDrift {
  column: string;
  /** The test's display name, e.g. "K-S p_value". */
  test: string;
  score: number;
  threshold: number;
  drifted: boolean;
  /** The score against its threshold on one scale for every test: 1 at the threshold, above it drifted. */
  strength: number;
}

export interface MonitoredWindow {
  index: number;
  start: number;
  end: number;
  requests: number;
  driftedInputs: number;
  shareOfDriftedColumns: number;
  datasetDrift: boolean;
  features: FeatureDrift[];
  prediction: FeatureDrift | null;
  /** Mean of the answered predictions; null when none was answered. */
  meanPrediction: number | null;
  /** Labels known by `asOf` in this window (performance needs `rules.minLabelled` of them). */
  labelled: number;
  performance: WindowReport['performance'];
  latency: WindowReport['latency'];
  errorRate: number;
  /** Requests per second over the window's span. */
  throughput: number;
  alerts: Alert[];
}

/** Everything a dashboard draws: plain data, cheap to send to the page. */
export interface MonitorView {
  endpoint: string;
  /** A deployed endpoint, or a project's own API (`student/<project>`). */
  kind: ServedModel['kind'];
  model: string;
  version: number;
  deployment: string;
  reference: {
    id: string;
    name: string;
    mae: number;
    meanPrediction: number;
  } & ReferenceSource;
  features: string[];
  windowSize: number;
  /** Requests between window starts (the window size: windows side by side). */
  step: number;
  /** The dataset drifts when at least this share of the inputs drifts. */
  driftShare: number;
  /** Labels count once they have arrived by this time (epoch ms). */
  asOf: number;
  rules: AlertRules;
  traffic: {
    /** Monitored requests: answered one-row requests, shadows and batches left out. */
    requests: number;
    first: number | null;
    /** The last monitored request: "the end of traffic". */
    last: number | null;
    /** Requests whose label had arrived by `asOf`, and by now. */
    labelledAsOf: number;
    labelledNow: number;
    lastLabelAt: number | null;
    /** Requests after the last full window, waiting for the next one. */
    pending: number;
  };
  windows: MonitoredWindow[];
  alerts: Alert[];
}

export type MonitorProblemCode = ServedProblemCode | 'no-reference' | 'invalid';
export type MonitorResult =
  { ok: true; view: MonitorView } | { ok: false; code: MonitorProblemCode; message: string };

export interface MonitorRequest {
  /** The reference data (name, id or name@id). Default: the data the served version was trained on. */
  reference?: string;
  windowSize: number;
  /** Requests between window starts, 1 to windowSize. Default: windowSize (no overlap). */
  step?: number;
  /** Labels known by this time (epoch ms). Default: now. */
  asOf?: number;
  /** Labels known this long before the last monitored request (wins over `asOf`). */
  labelsBeforeEndMs?: number;
  alerts?: AlertRulesInput;
  drift?: DriftOptions;
  /** Only traffic from this time on (epoch ms). */
  since?: number;
}

let host: Promise<ServingHost> | undefined;
let projects: Promise<ProjectStoragePort> | undefined;

/** The projects that have an api.js: their APIs are listed beside the endpoints. */
async function studentApis(): Promise<string[]> {
  const port = await (projects ??= openStore().then(dexieProjectPort));
  const rows = await port.listProjects();
  const withApi = await Promise.all(
    rows.map(async (p) => ((await port.getFile(p.id, STUDENT_API_FILE)) ? p.name : null)),
  );
  return withApi.filter((name): name is string => name !== null);
}
const ready = () => {
  if (!host) throw new Error('The monitoring worker was not initialised (call init first).');
  return host;
};

/** References by model, version and data version id: a prediction pass over the data each. */
const references = new Map<string, Promise<Reference & { source: ReferenceSource }>>();

const monitored = monitoredRequests;

const known = (r: RequestRecord, asOf: number) =>
  r.status === 200 && r.label !== null && r.labelAt !== null && r.labelAt <= asOf;

function featureDrift(c: ColumnDrift): FeatureDrift {
  const strength =
    c.pValue === null
      ? c.score / c.threshold
      : Math.log(Math.max(c.score, 1e-300)) / Math.log(c.threshold);
  return {
    column: c.column,
    test: c.label,
    score: c.score,
    threshold: c.threshold,
    drifted: c.drifted,
    strength: Math.min(Number.isFinite(strength) ? strength : 10, 10),
  };
}

function windowView(w: WindowReport): MonitoredWindow {
  return {
    index: w.index,
    start: w.start,
    end: w.end,
    requests: w.requests,
    driftedInputs: w.drift.numberOfDriftedColumns,
    shareOfDriftedColumns: w.drift.shareOfDriftedColumns,
    datasetDrift: w.drift.datasetDrift,
    features: w.drift.columns.map(featureDrift),
    prediction: w.predictionDrift ? featureDrift(w.predictionDrift) : null,
    meanPrediction: w.meanPrediction,
    labelled: w.labelsKnown,
    performance: w.performance,
    latency: w.latency,
    errorRate: w.errorRate,
    throughput: w.throughput,
    alerts: w.alerts,
  };
}

/**
 * The served version's training rows when its run recorded how it split the version it was
 * trained on (a pipeline run does), else the whole data version.
 */
async function referenceOf(h: ServingHost, model: string, version: number, ref: string) {
  const [predictor, loaded] = await Promise.all([
    h.router.predictor(model, version),
    h.catalog.load(ref),
  ]);
  const key = `${model}/${version}/${loaded.version.id}`;
  let reference = references.get(key);
  if (!reference) {
    reference = referenceForVersion(
      predictor,
      { id: loaded.version.id, table: loaded.table },
      h.tracking,
      (rows) => courseSplit(h.catalog, rows),
    );
    reference.catch(() => references.delete(key));
    references.set(key, reference);
  }
  return { data: loaded.version, reference: await reference };
}

async function monitor(name: string, options: MonitorRequest): Promise<MonitorResult> {
  const h = await ready();
  const found = await servedModel(h.port, name);
  if (!found.ok) return found;
  const { model, version } = found.served;
  const size = options.windowSize;
  if (!Number.isInteger(size) || size < 2 || size > MAX_WINDOW)
    return {
      ok: false,
      code: 'invalid',
      message: `Window size ${size}: give a whole number of requests from 2 to ${MAX_WINDOW}.`,
    };
  const step = options.step ?? size;
  if (!Number.isInteger(step) || step < 1 || step > size)
    return {
      ok: false,
      code: 'invalid',
      message: `Slide by ${step}: give a whole number of requests from 1 to the window size (${size}); ${size} puts windows side by side, less makes them overlap.`,
    };
  const rules = alertRulesSchema.safeParse(options.alerts ?? {});
  if (!rules.success)
    return {
      ok: false,
      code: 'invalid',
      message: `Alert rules: ${rules.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
    };
  const predictor = await h.router.predictor(model, version);
  const ref = options.reference ?? predictor.version?.datasetVersion;
  if (!ref)
    return {
      ok: false,
      code: 'no-reference',
      message: `${model} v${version} records no data version, so there is no reference to compare traffic with. Register a version trained on a stored data version.`,
    };
  const served = await referenceOf(h, model, version, ref);
  const records = await h.port.requests(
    name,
    options.since === undefined ? {} : { since: options.since },
  );
  const all = monitored(records);
  const last = all.at(-1)?.at ?? null;
  const asOf =
    options.labelsBeforeEndMs !== undefined && last !== null
      ? last - options.labelsBeforeEndMs
      : (options.asOf ?? Date.now());
  const inputs = predictor.signature.inputs;
  const reports = monitorTraffic(served.reference, records, {
    inputs,
    windowSize: size,
    step,
    asOf,
    alerts: rules.data,
    ...(options.drift ? { drift: options.drift } : {}),
  });
  const windows = reports.map((w) => windowView(w));
  const predictions = served.reference.predictions;
  const lastLabelAt = all.reduce<number | null>(
    (t, r) => (r.labelAt !== null && (t === null || r.labelAt > t) ? r.labelAt : t),
    null,
  );
  return {
    ok: true,
    view: {
      endpoint: name,
      kind: found.served.kind,
      model,
      version,
      deployment: found.served.deployment,
      reference: {
        id: served.data.id,
        name: served.data.name,
        ...served.reference.source,
        mae: served.reference.mae,
        meanPrediction: predictions.reduce((s, p) => s + p, 0) / (predictions.length || 1),
      },
      features: inputs.map((c) => c.name),
      windowSize: size,
      step,
      driftShare: reports[0]?.drift.driftShare ?? options.drift?.driftShare ?? 0.5,
      asOf,
      rules: rules.data,
      traffic: {
        requests: all.length,
        first: all[0]?.at ?? null,
        last,
        labelledAsOf: all.filter((r) => known(r, asOf)).length,
        labelledNow: all.filter((r) => known(r, Infinity)).length,
        lastLabelAt,
        pending: windows.length ? all.length - ((windows.length - 1) * step + size) : all.length,
      },
      windows,
      alerts: reports.flatMap((w) => w.alerts),
    },
  };
}

/**
 * The monitoring dashboard's worker: reads an endpoint's request log from IndexedDB, compares
 * it window by window with the served model's reference data, and hands the page plain figures
 * for its charts. The statistics never run on the page's thread.
 */
const api = {
  async init(siteUrl: string): Promise<void> {
    host ??= openServingHost(siteUrl);
    await host;
  },

  /**
   * Every endpoint, then every project's own API (a project with an api.js), with what it serves
   * and when it was last called.
   */
  async endpoints(): Promise<MonitoredEntry[]> {
    const { port } = await ready();
    return monitoredEntries(port, await studentApis());
  },

  monitor(name: string, options: MonitorRequest): Promise<MonitorResult> {
    return monitor(name, options);
  },

  /**
   * A cheap fingerprint of the newest traffic and labels (the newest 500 requests): when it
   * changes, a dashboard has something new to show. Null when the endpoint has no traffic.
   */
  async activity(name: string): Promise<string | null> {
    const { port } = await ready();
    const recent = await port.requests(name, { limit: 500 });
    const newest = recent.at(-1);
    if (!newest) return null;
    let labels = 0;
    let lastLabelAt = 0;
    for (const r of recent)
      if (r.labelAt !== null) {
        labels++;
        lastLabelAt = Math.max(lastLabelAt, r.labelAt);
      }
    return `${newest.id} ${labels} ${lastLabelAt}`;
  },
};

expose(api);
export type MonitoringWorkerApi = typeof api;
