import { acceptScoring } from '../accept';
import { COURSE_ENDPOINT } from '../course-app';
import type { Handler, ServingContext } from '../context';
import { json, type ApiRequest } from '../http';
import { scoreRequest } from '../score-request';

/** One row, sent as the body itself; answered in the v1 shape or the course's `{result}`. */
async function predictOne(ctx: ServingContext, req: ApiRequest, name: string, course: boolean) {
  const accepted = await acceptScoring(ctx, req, name, 'sync');
  if ('response' in accepted) return accepted.response;
  const { endpoint, body } = accepted;
  const scored = await scoreRequest(ctx, req, endpoint, [body], ['body'], 'sync');
  if ('response' in scored) return scored.response;
  const { record, predictions } = scored;
  const headers = { 'x-request-id': record.id, 'x-model-version': String(record.version) };
  if (course) return json(200, { result: predictions[0] }, headers);
  const answer = {
    prediction: predictions[0],
    model: endpoint.model,
    version: record.version,
    variant: record.variant,
    request_id: record.id,
  };
  return json(200, answer, headers);
}

/** `POST v1/models/{name}/predict`. */
export const predict: Handler = (ctx, req, { name }) => predictOne(ctx, req, name!, false);

/** The course's diabetes API (FastAPI in the course): `POST diabetes/predict` → `{"result": y}`. */
export const coursePredict: Handler = (ctx, req) => predictOne(ctx, req, COURSE_ENDPOINT, true);
