import { readJsonBody } from '../body-limits';
import type { Handler } from '../context';
import { fail, json } from '../http';
import { apiRoute } from '../routes';

/** `GET v1/jobs/{job_id}`: a job's place in the queue, then its result. */
export const job: Handler = async (ctx, _req, { job_id: id }) => {
  const found = ctx.jobs.get(id!);
  return found
    ? json(200, { ...found, status_url: apiRoute('job', { job_id: found.job_id }) })
    : fail(
        404,
        `No job "${id}" (jobs live in the API that queued them, and finished ones are kept for a while).`,
      );
};

/** `GET v1/webhooks/{inbox}`: what was delivered there (finished jobs, or anything posted). */
export const readInbox: Handler = async (ctx, _req, { inbox }) =>
  json(200, ctx.inboxes.read(inbox!));

/** `POST v1/webhooks/{inbox}`: any JSON value, kept in the inbox. */
export const postInbox: Handler = async (ctx, req, { inbox }) => {
  const parsed = readJsonBody(req, { anyType: true });
  if ('refused' in parsed) return parsed.refused;
  ctx.inboxes.push(inbox!, parsed.value);
  return json(200, { stored: true });
};
