import type { Handler } from '../context';
import { primaryVersion } from '../deployment';
import { fail, json } from '../http';
import { openApiDocument } from '../openapi';

/** `GET v1/openapi.json` (every endpoint) and `GET v1/models/{name}/openapi.json` (one). */
export const openApi: Handler = async (ctx, _req, { name }) => {
  const { port, registry, serverUrl } = ctx.d;
  const endpoints = name ? [await port.endpoint(name)] : await port.endpoints();
  if (name && !endpoints[0]) return fail(404, `Model endpoint "${name}" not found.`);
  const served = await Promise.all(
    endpoints.flatMap((endpoint) => {
      const v = endpoint ? primaryVersion(endpoint.deployment) : null;
      return endpoint && v !== null
        ? [registry.getVersion(endpoint.model, v).then((version) => ({ endpoint, version }))]
        : [];
    }),
  );
  return json(200, openApiDocument(served, serverUrl));
};
