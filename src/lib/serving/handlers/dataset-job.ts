import { scoreDataset } from '../batch-score';
import type { ServingContext } from '../context';
import { primaryVersion } from '../deployment';
import type { Endpoint } from '../endpoint';
import { fail, type ApiRequest, type ApiResponse } from '../http';

/** A job scoring a whole data version into a new one (batch scoring), or why there can be none. */
export function submitDatasetJob(
  ctx: ServingContext,
  req: ApiRequest,
  endpoint: Endpoint,
  dataset: string,
  id: string,
) {
  const catalog = ctx.d.catalog;
  if (!catalog)
    return {
      refused: fail(503, 'Batch scoring of data versions is not available here.') as ApiResponse,
    };
  const version = primaryVersion(endpoint.deployment)!;
  return ctx.jobs.submit(id, endpoint.name, 0, async () => {
    const t0 = ctx.d.clock();
    // Logged whether it scores or fails: the client holds a 202 for it either way.
    const logged = (fields: { rows: number; error: string | null }) =>
      ctx.log.log(
        ctx.log.record(endpoint, req, {
          ...{ id, key: id, pattern: 'batch', status: 202, variant: 'single', version },
          ...fields,
          latencyMs: ctx.d.clock() - t0,
        }),
        endpoint,
      );
    try {
      const predictor = await ctx.predictor(endpoint.model, version);
      const result = await scoreDataset(catalog, endpoint, { predictor, version }, dataset);
      logged({ rows: result.rows, error: null });
      return result;
    } catch (error) {
      logged({ rows: 0, error: (error as Error).message });
      throw error;
    }
  });
}
