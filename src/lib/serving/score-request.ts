import type { ServingContext } from './context';
import { route, type Route, type Variant } from './deployment';
import { MAX_LOGGED_ROWS, type Endpoint, type Pattern, type RequestRecord } from './endpoint';
import { ServingError } from './errors';
import { stickyKey } from './body-limits';
import { json, type ApiRequest, type ApiResponse } from './http';
import { checkRows, nonFinite, predictRows, type Loc, type Row } from './scoring';

export interface Scored {
  record: RequestRecord;
  predictions: number[];
}

/** A job's request, routed and checked when it was submitted. */
export interface Chosen {
  id: string;
  key: string;
  route: Route;
  rows: Row[];
}

/**
 * One request's rows through the scoring sequence (size → validation → fault → predict →
 * non-finite; a job was sized and validated when submitted), routed, logged whatever the outcome,
 * and mirrored to the shadow after the answer.
 */
export async function scoreRequest(
  ctx: ServingContext,
  req: ApiRequest,
  endpoint: Endpoint,
  records: unknown[],
  loc: Loc,
  pattern: Pattern,
  chosen?: Chosen,
): Promise<Scored | { response: ApiResponse; record: RequestRecord }> {
  const { clock } = ctx.d;
  const t0 = clock();
  const id = chosen?.id ?? ctx.d.newId();
  const key = chosen?.key ?? stickyKey(req, id);
  const r0 = clock();
  const picked = chosen?.route ?? route(endpoint.deployment, key)!;
  const routingMs = chosen ? 0 : clock() - r0;
  const version = picked.serve.version;
  const finish = (status: number, body: unknown, extra: Partial<RequestRecord> = {}) => {
    const record = ctx.log.record(endpoint, req, {
      ...{ id, key, pattern, routingMs, variant: picked.serve.name, version },
      rows: records.length,
      // A job's client was answered 202 when it was queued; a failure shows in `error`.
      status: pattern === 'async' ? 202 : status,
      latencyMs: clock() - t0,
      ...extra,
    });
    ctx.log.log(record, endpoint);
    return { response: json(status, body, { 'x-request-id': id }), record };
  };
  const single = pattern === 'sync' && records.length === 1;
  let rows = chosen?.rows;
  const predictor = () => ctx.predictor(endpoint.model, version);
  if (!rows) {
    const checked = await checkRows(records, async () => (await predictor()).signature.inputs, {
      loc,
      single,
      maxRows: endpoint.maxBatchRows,
      per: 'request',
    });
    if ('refused' in checked) {
      const { status, detail, log } = checked.refused;
      return finish(status, { detail }, log);
    }
    rows = checked.rows;
  }
  const fault = endpoint.faults[version];
  const { random, sleep } = ctx.d;
  const scored = await predictRows(rows, await predictor(), {
    version,
    fault,
    random,
    sleep,
    loc,
    single,
  });
  if ('refused' in scored) {
    const { status, detail, log } = scored.refused;
    return finish(status, { detail }, log);
  }
  const { predictions } = scored;
  const { record } = finish(200, null, {
    inputs: rows.slice(0, MAX_LOGGED_ROWS),
    predictions: predictions.slice(0, MAX_LOGGED_ROWS),
  });
  // A true mirror: the client has its answer (and its latency) before the challenger starts.
  if (picked.mirror)
    ctx.log.mirror(shadow(ctx, req, endpoint, picked.mirror, rows, predictions, { id, key }));
  return { record, predictions };
}

/**
 * The challenger scores the same rows after the client is answered; its answer, latency and
 * disagreement (or its failure) are logged, never returned. The challenger's faults apply.
 */
async function shadow(
  ctx: ServingContext,
  req: ApiRequest,
  endpoint: Endpoint,
  mirror: Variant,
  rows: Row[],
  answered: number[],
  of: { id: string; key: string },
): Promise<void> {
  const t0 = ctx.d.clock();
  // Named after the answered request, so its label (when it arrives) reaches this copy too.
  const base = {
    id: `${of.id}:shadow`,
    key: of.key,
    pattern: 'sync' as const,
    shadowOf: of.id,
    variant: mirror.name,
    version: mirror.version,
    rows: rows.length,
    inputs: rows.slice(0, MAX_LOGGED_ROWS),
  };
  try {
    const challenger = await ctx.predictor(endpoint.model, mirror.version);
    const fault = endpoint.faults[mirror.version];
    if (fault?.latencyMs) await ctx.d.sleep(fault.latencyMs);
    if (fault && ctx.d.random() < fault.errorRate)
      throw new ServingError(
        'model-failed',
        `v${mirror.version} failed (a fault injected on this endpoint)`,
      );
    const mirrored = challenger.predict(rows);
    const overflow = nonFinite(mirrored, rows, null, []);
    if (overflow.length) throw new ServingError('model-failed', overflow[0]!.msg);
    const disagreement =
      mirrored.reduce((a, p, i) => a + Math.abs(p - answered[i]!), 0) / mirrored.length;
    const latencyMs = ctx.d.clock() - t0;
    const predictions = mirrored.slice(0, MAX_LOGGED_ROWS);
    ctx.log.log(
      ctx.log.record(endpoint, req, { ...base, latencyMs, predictions, disagreement }),
      endpoint,
    );
  } catch (error) {
    // A failing shadow must never change the client's answer; it is logged as a failure.
    const failed = { ...base, status: 500, error: (error as Error).message };
    ctx.log.log(
      ctx.log.record(endpoint, req, { ...failed, latencyMs: ctx.d.clock() - t0 }),
      endpoint,
    );
  }
}
