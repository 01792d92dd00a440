/** The request a student API's worker answers: the part after `api/student/<project>/`. */
export interface StudentCall {
  method: string;
  /** e.g. `predict` or `trips/42` (no leading slash). */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body (checked for size, depth and keys by the router), or undefined. */
  body: unknown;
  /** The API's absolute URL (`<site>/api`), for the OpenAPI document's `servers`. */
  serverUrl: string;
}

/** What the log keeps of the models a handler called (the request log's and monitoring's rows). */
export interface StudentScoring {
  model: string;
  version: number;
  inputs: Record<string, unknown>[];
  predictions: number[];
}

/** The worker's answer: plain JSON data only (it crosses to the page and the service worker). */
export interface StudentAnswer {
  status: number;
  body: unknown;
  /** The declared route that answered (`POST /predict`), when one did. */
  route?: string;
  scoring?: StudentScoring;
  /** For the log: why a 5xx happened. */
  error?: string;
}

/** The file a project's API is declared in (FastAPI's `main.py`). */
export const STUDENT_API_FILE = 'api.js';

/** The project name in `api/student/<project>/…`: what `lab.project.open(name)` takes. */
export const STUDENT_PREFIX = 'student/';

/** The request log's (and monitoring's) endpoint name for a project's API. */
export const studentEndpoint = (project: string) => `${STUDENT_PREFIX}${project}`;

/** Whoever runs student code for the router: the page's worker (via the service worker) or a test. */
export type StudentHost = (project: string, call: StudentCall) => Promise<StudentAnswer>;

/** A project name as the Labbook allows it (src/lib/project/files.ts): no `/`, no `..`. */
export const STUDENT_PROJECT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The service worker → page message that asks a page to run a request (reply on the port). */
export const STUDENT_API_REQUEST = 'STUDENT_API_REQUEST';

/** The page's replies on the request's port: it took the request, then its answer. */
export type StudentReply = { type: 'accepted' } | { type: 'answer'; answer: StudentAnswer };

export interface StudentRequestMessage {
  type: typeof STUDENT_API_REQUEST;
  project: string;
  call: StudentCall;
}

/** A request message as a page receives it, checked (it crossed a thread boundary). */
export function readRequestMessage(data: unknown): StudentRequestMessage | null {
  const m = data as Partial<StudentRequestMessage> | null;
  if (typeof m !== 'object' || m === null || m.type !== STUDENT_API_REQUEST) return null;
  if (typeof m.project !== 'string' || !STUDENT_PROJECT.test(m.project)) return null;
  const c = m.call as Partial<StudentCall> | undefined;
  if (
    typeof c?.method !== 'string' ||
    typeof c.path !== 'string' ||
    typeof c.serverUrl !== 'string'
  )
    return null;
  return {
    type: STUDENT_API_REQUEST,
    project: m.project,
    call: { query: {}, ...c } as StudentCall,
  };
}

/**
 * The model a student API serves, as monitoring needs it: the one its newest scored request used
 * (a handler may switch models; the latest is what the API serves now). Null before any scored.
 */
export function studentServedModel(
  records: readonly { model?: string | null; version: number | null }[],
): { model: string; version: number } | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const { model, version } = records[i]!;
    if (model && version !== null) return { model, version };
  }
  return null;
}
