import type { Matrix } from '../matrix';
import type { GbdtFit, IterationReport } from './boosting';
import { GbdtError } from './errors';
import { GBDT_PARAM_NAMES, resolveParams, type GbdtParams } from './params';
import { predictTrees } from './predict';
import type { FlatTree } from './tree';

/** One tree as JSON: parallel arrays indexed by node, node 0 the root (README.md). */
export interface GbdtTreeJson {
  feature: number[];
  /** null where the split sends every non-missing value left (threshold +∞, not JSON). */
  threshold: (number | null)[];
  bin: number[];
  missing_left: number[];
  left: number[];
  right: number[];
  value: number[];
  gain: number[];
  count: number[];
}

/** The saved booster: `format` and `version` say how to read the rest (README.md). */
export interface GbdtState {
  format: 'mlops-labbook-gbdt';
  version: 1;
  params: GbdtParams;
  n_features: number;
  baseline: number;
  trees: GbdtTreeJson[];
  /** Gain share per feature, in input order. */
  importances: number[];
  history: IterationReport[];
  stopped_early: boolean;
}

const TREE_FIELDS = [
  'feature',
  'threshold',
  'bin',
  'missing_left',
  'left',
  'right',
  'value',
  'gain',
  'count',
] as const;

function treeJson(t: FlatTree): GbdtTreeJson {
  return {
    feature: Array.from(t.feature),
    threshold: Array.from(t.threshold, (v) => (v === Infinity ? null : v)),
    bin: Array.from(t.bin),
    missing_left: Array.from(t.missingLeft),
    left: Array.from(t.left),
    right: Array.from(t.right),
    value: Array.from(t.value),
    gain: Array.from(t.gain),
    count: Array.from(t.count),
  };
}

export function gbdtState(fit: GbdtFit): GbdtState {
  return {
    format: 'mlops-labbook-gbdt',
    version: 1,
    params: fit.params,
    n_features: fit.features,
    baseline: fit.baseline,
    trees: fit.trees.map(treeJson),
    importances: Array.from(fit.importances),
    history: fit.history,
    stopped_early: fit.stoppedEarly,
  };
}

const bad = (field: string, why: string) =>
  new GbdtError(
    'bad-model-file',
    `The saved trees are damaged: ${field} ${why}. Re-train the model or re-download the file; a hand edit must keep every tree's arrays the same length and every child index pointing forward.`,
    field,
  );

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** One tree checked field by field: lengths agree, children point forward, features exist. */
function readTree(raw: unknown, at: string, nFeatures: number): FlatTree {
  if (!isObject(raw)) throw bad(at, 'is not an object of node arrays');
  const n = Array.isArray(raw.feature) ? raw.feature.length : 0;
  if (n === 0) throw bad(`${at}.feature`, 'is missing or empty');
  for (const name of TREE_FIELDS) {
    const arr = raw[name];
    if (!Array.isArray(arr)) throw bad(`${at}.${name}`, 'is missing or not an array');
    if (arr.length !== n) throw bad(`${at}.${name}`, `has ${arr.length} nodes, feature has ${n}`);
    arr.forEach((v, i) => {
      if (name === 'threshold' && v === null) return;
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw bad(`${at}.${name}[${i}]`, `is ${JSON.stringify(v) ?? String(v)}, not a number`);
    });
  }
  const r = raw as unknown as GbdtTreeJson;
  for (let i = 0; i < n; i++) {
    const f = r.feature[i]!;
    if (f === -1) continue;
    if (!Number.isInteger(f) || f < 0 || f >= nFeatures)
      throw bad(`${at}.feature[${i}]`, `is ${f}; the model has features 0 to ${nFeatures - 1}`);
    for (const side of ['left', 'right'] as const) {
      const c = r[side][i]!;
      // Children after their parent: a walk from the root always ends, even in a hostile file.
      if (!Number.isInteger(c) || c <= i || c >= n)
        throw bad(`${at}.${side}[${i}]`, `is ${c}; it must be a node after ${i} and before ${n}`);
    }
  }
  return {
    feature: Int32Array.from(r.feature),
    threshold: Float64Array.from(r.threshold, (v) => v ?? Infinity),
    bin: Uint8Array.from(r.bin),
    missingLeft: Uint8Array.from(r.missing_left),
    left: Int32Array.from(r.left),
    right: Int32Array.from(r.right),
    value: Float64Array.from(r.value),
    gain: Float64Array.from(r.gain),
    count: Uint32Array.from(r.count),
  };
}

export interface LoadedGbdt {
  baseline: number;
  nFeatures: number;
  trees: FlatTree[];
}

/** Reads a saved booster, naming the first damaged field. */
export function readGbdtState(raw: unknown): LoadedGbdt {
  if (!isObject(raw)) throw bad('the model', 'is not a JSON object');
  if (raw.format !== 'mlops-labbook-gbdt')
    throw bad('format', `is ${JSON.stringify(raw.format)}, not "mlops-labbook-gbdt"`);
  if (raw.version !== 1)
    throw bad('version', `is ${JSON.stringify(raw.version)}; this Labbook reads version 1`);
  const nFeatures = raw.n_features;
  if (typeof nFeatures !== 'number' || !Number.isInteger(nFeatures) || nFeatures < 1)
    throw bad('n_features', `is ${JSON.stringify(nFeatures)}, not a whole number ≥ 1`);
  if (typeof raw.baseline !== 'number' || !Number.isFinite(raw.baseline))
    throw bad('baseline', `is ${JSON.stringify(raw.baseline)}, not a finite number`);
  if (!Array.isArray(raw.trees)) throw bad('trees', 'is missing or not an array');
  if (isObject(raw.params)) {
    const params = raw.params;
    try {
      resolveParams(
        Object.fromEntries(GBDT_PARAM_NAMES.filter((k) => k in params).map((k) => [k, params[k]])),
      );
    } catch (error) {
      throw bad(`params.${(error as GbdtError).field ?? ''}`, (error as Error).message);
    }
  } else throw bad('params', 'is missing or not an object');
  return {
    baseline: raw.baseline,
    nFeatures,
    trees: raw.trees.map((t, i) => readTree(t, `trees[${i}]`, nFeatures)),
  };
}

const loaded = new WeakMap<object, LoadedGbdt>();

/** Predictions of a saved booster; the file is checked once and its typed trees kept. */
export function predictGbdt(state: GbdtState, x: Matrix): Float64Array {
  let model = loaded.get(state);
  if (!model) {
    model = readGbdtState(state);
    loaded.set(state, model);
  }
  if (x.cols !== model.nFeatures)
    throw new GbdtError(
      'shape',
      `The trees expect ${model.nFeatures} features; got ${x.cols}.`,
      'n_features',
    );
  return predictTrees(model.baseline, model.trees, x);
}
