import type { Handler } from '../context';
import { deployedVersions, describeDeployment } from '../deployment';
import { json } from '../http';

/** `GET v1/health`: the API is up, and what it serves. */
export const health: Handler = async (ctx) => {
  const endpoints = await ctx.d.port.endpoints();
  return json(200, {
    status: 'ok',
    endpoints: endpoints.length,
    deployed: endpoints.filter((e) => e.deployment.strategy !== 'none').length,
    queued_jobs: ctx.jobs.queued,
    // Requests answered but not in the log: a student reading the log must know it is incomplete.
    log_failures: ctx.log.failures.state,
  });
};

/** `GET v1/models`: every endpoint with its deployment. */
export const models: Handler = async (ctx) => {
  const endpoints = await ctx.d.port.endpoints();
  return json(
    200,
    endpoints.map((e) => ({
      name: e.name,
      model: e.model,
      strategy: e.deployment.strategy,
      deployment: describeDeployment(e.deployment),
      versions: deployedVersions(e.deployment),
    })),
  );
};
