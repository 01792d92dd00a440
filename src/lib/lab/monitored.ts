import { servedModel } from '../monitoring';
import { ServingError } from '../serving/errors';
import { labServices } from './services';
import { kernelRouter } from './serving-router';

/**
 * What a monitored name serves — a deployed endpoint or a project's own API
 * (`student/<project>`) — after the kernel's logged requests are stored; a coded refusal else.
 */
export async function servedOrThrow(endpoint: string) {
  await kernelRouter().flush();
  const found = await servedModel(labServices().serving, endpoint);
  if (!found.ok) throw new ServingError(found.code, found.message);
  return found.served;
}
