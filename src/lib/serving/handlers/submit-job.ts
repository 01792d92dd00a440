import { acceptScoring } from '../accept';
import { stickyKey } from '../body-limits';
import type { Handler, ServingContext } from '../context';
import { route } from '../deployment';
import { apiRoute } from '../routes';
import { ServingError } from '../errors';
import { fail, json, type ApiResponse } from '../http';
import { Inboxes } from '../inboxes';
import type { Job } from '../jobs';
import { scoreRequest } from '../score-request';
import { checkRows } from '../scoring';
import { batchRecords } from '../validate';
import { submitDatasetJob } from './dataset-job';

/** 202 with where to poll; the job's callback inbox remembered. */
function queued(ctx: ServingContext, job: Job & { position: number }, inbox: string | null) {
  if (inbox) ctx.inboxes.callBack(job.job_id, inbox);
  const { job_id, status, position } = job;
  const statusUrl = apiRoute('job', { job_id });
  return json(202, { job_id, status, position, status_url: statusUrl }, { location: statusUrl });
}

/**
 * `POST v1/models/{name}/jobs`: rows (or `{dataset}`) queued for scoring. The rows are routed,
 * sized and validated now, so a bad body is refused at once rather than in a failed job; the job
 * runs the rest of the scoring sequence.
 */
export const submitJob: Handler = async (ctx, req, { name }): Promise<ApiResponse> => {
  const accepted = await acceptScoring(ctx, req, name!, 'async');
  if ('response' in accepted) return accepted.response;
  const { endpoint, at } = accepted;
  const body = accepted.body as Record<string, unknown> | null;
  const inbox = Inboxes.parse(body?.callback_url);
  if (inbox instanceof Array) return ctx.log.refuse(req, at, fail(422, inbox));
  const id = ctx.d.newId();
  if (typeof body?.dataset === 'string') {
    const job = submitDatasetJob(ctx, req, endpoint, body.dataset, id);
    return 'refused' in job
      ? ctx.log.refuse(req, { ...at, pattern: 'batch' }, job.refused)
      : queued(ctx, job, inbox);
  }
  const batch = batchRecords(body);
  if (!batch.ok) return ctx.log.refuse(req, at, fail(422, batch.issues));
  const key = stickyKey(req, id);
  const picked = route(endpoint.deployment, key)!;
  const loc = ['body', batch.loc];
  const checked = await checkRows(
    batch.records,
    async () => (await ctx.predictor(endpoint.model, picked.serve.version)).signature.inputs,
    { loc, single: false, maxRows: endpoint.maxBatchRows, per: 'job' },
  );
  if ('refused' in checked)
    return ctx.log.refuse(req, at, fail(checked.refused.status, checked.refused.detail));
  const chosen = { id, key, route: picked, rows: checked.rows };
  const job = ctx.jobs.submit(id, name!, batch.records.length, async () => {
    const scored = await scoreRequest(ctx, req, endpoint, batch.records, loc, 'async', chosen);
    if ('response' in scored)
      throw new ServingError(
        'model-failed',
        JSON.stringify((scored.response.body as { detail: unknown }).detail),
      );
    const { record, predictions } = scored;
    return { predictions, model: endpoint.model, version: record.version, variant: record.variant };
  });
  return queued(ctx, job, inbox);
};
