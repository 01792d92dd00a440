import { COURSE_ENDPOINT, coursePatientRow } from '../course-app';
import type { Handler } from '../context';
import { primaryVersion } from '../deployment';
import { fail, json } from '../http';

/** The course's `GET diabetes/patients/randomtest`: a test-split patient, inputs and target. */
export const randomPatient: Handler = async (ctx) => {
  const served = await ctx.endpoints.served(COURSE_ENDPOINT);
  if ('response' in served) return served.response;
  if (!ctx.d.catalog) return fail(503, 'The patients table is not available here.');
  const v = primaryVersion(served.endpoint.deployment)!;
  const { signature } = await ctx.predictor(served.endpoint.model, v);
  const patient = await coursePatientRow(ctx.d.catalog, signature.inputs, ctx.d.random);
  return 'error' in patient ? fail(503, patient.error) : json(200, patient);
};
