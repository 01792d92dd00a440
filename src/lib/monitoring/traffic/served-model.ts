import { describeDeployment, primaryVersion } from '../../serving/deployment';
import type { ServingPort } from '../../serving/port';
import {
  STUDENT_PREFIX,
  STUDENT_PROJECT,
  studentEndpoint,
  studentServedModel,
} from '../../serving/student/protocol';

/**
 * What one monitored name serves: a deployed endpoint (`taxi-trips`) or a student's own API
 * (`student/<project>`, logged under that name by the same request logger). Monitoring, the
 * dashboard and closing the loop all start here, so both kinds take one identifier scheme.
 */
export interface ServedModel {
  kind: 'endpoint' | 'student-api';
  name: string;
  model: string;
  version: number;
  /** How the version is served, for people: `canary v4 at 10 % over v3`, `api.js of taxi-api`. */
  deployment: string;
}

export type ServedProblemCode = 'unknown-endpoint' | 'not-deployed';
export type ServedResult =
  { ok: true; served: ServedModel } | { ok: false; code: ServedProblemCode; message: string };

/** A student API's scored requests are looked for in its newest requests first. */
const RECENT = 500;

export const isStudentEndpoint = (name: string) => name.startsWith(STUDENT_PREFIX);

/** The served model of `name`, or why there is none (a value, never thrown: the worker sends it). */
export async function servedModel(port: ServingPort, name: string): Promise<ServedResult> {
  if (isStudentEndpoint(name)) return studentServed(port, name);
  const endpoint = await port.endpoint(name);
  if (!endpoint) {
    const names = (await port.endpoints()).map((e) => e.name);
    return {
      ok: false,
      code: 'unknown-endpoint',
      message: `No endpoint "${name}" (${names.length ? `there are: ${names.join(', ')}` : 'none yet'}). Deploy one on the Serving page or with lab.serving.deploy('${name}', …); a project's own API is monitored as "${STUDENT_PREFIX}<project>".`,
    };
  }
  const version = primaryVersion(endpoint.deployment);
  if (version === null)
    return {
      ok: false,
      code: 'not-deployed',
      message: `Nothing is deployed on "${name}" to monitor. Deploy a model version on its serving page.`,
    };
  const deployment = describeDeployment(endpoint.deployment);
  return {
    ok: true,
    served: { kind: 'endpoint', name, model: endpoint.model, version, deployment },
  };
}

async function studentServed(port: ServingPort, name: string): Promise<ServedResult> {
  const project = name.slice(STUDENT_PREFIX.length);
  if (!STUDENT_PROJECT.test(project))
    return {
      ok: false,
      code: 'unknown-endpoint',
      message: `"${name}" is not a student API: name it ${STUDENT_PREFIX}<project>, the project whose api.js serves api/student/<project>/.`,
    };
  // A student API has no deployment: the model its newest scored request used is what it serves.
  const found =
    studentServedModel(await port.requests(name, { limit: RECENT })) ??
    studentServedModel(await port.requests(name));
  if (!found)
    return {
      ok: false,
      code: 'not-deployed',
      message: `"${name}" has no request scored by a model yet: send requests to api/student/${project}/… whose handler calls model('models:/…').predict(), then monitor.`,
    };
  return {
    ok: true,
    served: {
      kind: 'student-api',
      name: studentEndpoint(project),
      ...found,
      deployment: `v${found.version}, loaded by the api.js of project ${project}`,
    },
  };
}

/** One line of the Monitoring page's list. */
export interface MonitoredEntry {
  name: string;
  kind: ServedModel['kind'];
  model: string | null;
  deployment: string;
  deployed: boolean;
  lastRequestAt: number | null;
}

/**
 * Every monitorable name: the deployed endpoints, then the APIs of the projects given (those
 * with an `api.js`) — each with what it serves and when it was last called.
 */
export async function monitoredEntries(
  port: ServingPort,
  studentProjects: readonly string[],
): Promise<MonitoredEntry[]> {
  const last = async (name: string) => (await port.requests(name, { limit: 1 }))[0]?.at ?? null;
  const endpoints = await Promise.all(
    (await port.endpoints()).map(async (e) => ({
      name: e.name,
      kind: 'endpoint' as const,
      model: e.model,
      deployment: describeDeployment(e.deployment),
      deployed: primaryVersion(e.deployment) !== null,
      lastRequestAt: await last(e.name),
    })),
  );
  const students = await Promise.all(
    studentProjects
      .filter((p) => STUDENT_PROJECT.test(p))
      .map(async (project): Promise<MonitoredEntry> => {
        const name = studentEndpoint(project);
        const served = await studentServed(port, name);
        return {
          name,
          kind: 'student-api',
          model: served.ok ? served.served.model : null,
          deployment: served.ok ? served.served.deployment : 'no request scored by a model yet',
          deployed: served.ok,
          lastRequestAt: await last(name),
        };
      }),
  );
  return [...endpoints, ...students];
}
