import type { Handler } from '../context';
import { deployedVersions, describeDeployment } from '../deployment';
import { json } from '../http';

/** `GET v1/models/{name}` and `…/health`: whether each deployed version loads (503 when not). */
export const endpointHealth: Handler = async (ctx, _req, { name }) => {
  const endpoint = await ctx.d.port.endpoint(name!);
  if (!endpoint) return ctx.endpoints.unknown(name!);
  const versions = await Promise.all(
    deployedVersions(endpoint.deployment).map(async (v) => {
      try {
        await ctx.predictor(endpoint.model, v);
        return { version: v, loaded: true, error: null };
      } catch (error) {
        return { version: v, loaded: false, error: (error as Error).message };
      }
    }),
  );
  const ok = versions.length > 0 && versions.every((v) => v.loaded);
  return json(ok ? 200 : 503, {
    status: ok ? 'ok' : 'unavailable',
    name,
    model: endpoint.model,
    strategy: endpoint.deployment.strategy,
    deployment: describeDeployment(endpoint.deployment),
    versions,
  });
};
