import { MAX_LOGGED_ROWS } from '../endpoint';
import { ServingError } from '../errors';
import type { Predictor } from '../../registry';
import type { ModelVersion } from '../../registry/types';
import type { StudentModel } from './define-api';
import type { StudentScoring } from './protocol';

export type LoadPredictor = (uri: string) => Promise<Predictor & { version: ModelVersion | null }>;

/**
 * `model(uri)` for one request: the registry's predictor (its saved preprocessing applied by the
 * registry, as for built-in endpoints), with every row it scores noted for the request log.
 */
export function modelsForRequest(load: LoadPredictor) {
  let scoring: StudentScoring | undefined;
  async function model(uri: unknown): Promise<StudentModel> {
    if (typeof uri !== 'string' || !uri.startsWith('models:/'))
      throw new ServingError(
        'bad-student-api',
        `model(${JSON.stringify(uri)?.slice(0, 60)}): name a registered model by URI, e.g. model('models:/taxi-duration@champion') or model('models:/taxi-duration/3').`,
      );
    const predictor = await load(uri);
    const version = predictor.version;
    const name = version?.name ?? uri.slice('models:/'.length);
    const note = (rows: Record<string, unknown>[], predictions: number[]) => {
      scoring ??= { model: name, version: version?.version ?? 0, inputs: [], predictions: [] };
      const room = MAX_LOGGED_ROWS - scoring.inputs.length;
      scoring.inputs.push(...rows.slice(0, room).map((r) => ({ ...r })));
      scoring.predictions.push(...predictions.slice(0, room));
    };
    function predict(row: Record<string, unknown>): number;
    function predict(rows: Record<string, unknown>[]): number[];
    function predict(input: Record<string, unknown> | Record<string, unknown>[]) {
      const rows = Array.isArray(input) ? input : [input];
      const predictions = predictor.predict(rows as never);
      note(rows, predictions);
      return Array.isArray(input) ? predictions : predictions[0]!;
    }
    return {
      name,
      version: version?.version ?? 0,
      inputs: predictor.signature.inputs.map((c) => c.name),
      predict,
    };
  }
  return { model, scoring: () => scoring };
}

/** How long a resolved alias is trusted: a promotion reaches the student API within this. */
const ALIAS_TTL_MS = 2000;

/** Predictors loaded once per URI for ALIAS_TTL_MS (loading a model on every request would dominate). */
export function cachedPredictors(load: LoadPredictor, now: () => number = Date.now): LoadPredictor {
  const held = new Map<string, { at: number; loaded: ReturnType<LoadPredictor> }>();
  return (uri) => {
    const hit = held.get(uri);
    if (hit && now() - hit.at < ALIAS_TTL_MS) return hit.loaded;
    const loaded = load(uri);
    held.set(uri, { at: now(), loaded });
    loaded.catch(() => held.delete(uri));
    return loaded;
  };
}
