import type { Handler } from '../context';
import type { OperationName } from '../routes';
import { endpointHealth } from './endpoint-health';
import { health, models } from './health';
import { invocations } from './invocations';
import { job, postInbox, readInbox } from './jobs-inboxes';
import { labels } from './labels';
import { openApi } from './openapi-doc';
import { coursePredict, predict } from './predict';
import { randomPatient } from './random-patient';
import { submitJob } from './submit-job';

/** Each operation of the route table, answered (a route without a handler does not compile). */
export const HANDLERS: Record<OperationName, Handler> = {
  health,
  models,
  job,
  openApi: (ctx, req) => openApi(ctx, req, {}),
  readInbox,
  postInbox,
  predict,
  invocations,
  submitJob,
  labels,
  endpointHealth,
  endpointInfo: endpointHealth,
  endpointOpenApi: openApi,
  coursePredict,
  randomPatient,
};
