import { acceptScoring } from '../accept';
import type { Handler } from '../context';
import { fail, json } from '../http';
import { scoreRequest } from '../score-request';
import { batchRecords } from '../validate';

/** `POST v1/models/{name}/invocations`: a batch in any of MLflow's formats, scored at once. */
export const invocations: Handler = async (ctx, req, { name }) => {
  const accepted = await acceptScoring(ctx, req, name!, 'sync');
  if ('response' in accepted) return accepted.response;
  const { endpoint, body, at } = accepted;
  const batch = batchRecords(body);
  if (!batch.ok) return ctx.log.refuse(req, at, fail(422, batch.issues));
  const loc = ['body', batch.loc];
  const scored = await scoreRequest(ctx, req, endpoint, batch.records, loc, 'sync');
  if ('response' in scored) return scored.response;
  const { record, predictions } = scored;
  return json(
    200,
    {
      predictions,
      model: endpoint.model,
      version: record.version,
      variant: record.variant,
      request_id: record.id,
    },
    { 'x-request-id': record.id },
  );
};
