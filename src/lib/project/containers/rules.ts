import type { LintSeverity } from '../lint/types';

/**
 * One container check as data: what it asks, why, how the course's Docker module puts it, and
 * what the Labbook does in its place (nothing here builds an image; the browser is the runtime).
 * docs/containers.md is written from this table.
 */
export interface ContainerRule {
  id: string;
  severity: LintSeverity;
  why: string;
  course: string;
  labbook: string;
}

export const CONTAINER_RULES = {
  'docker/pinned-base': {
    id: 'docker/pinned-base',
    severity: 'warning',
    why: 'An untagged or `latest` base image changes under you: the same Dockerfile builds a different environment next month.',
    course: 'FROM python:3.11-slim — a tagged, slim base image.',
    labbook:
      "The Labbook's runtime is bundled and pinned: TF.js and the preprocessing format are recorded in every model version's MLmodel pins.",
  },
  'docker/deps-before-code': {
    id: 'docker/deps-before-code',
    severity: 'warning',
    why: 'Docker caches each layer; copying all the code before installing dependencies re-installs them on every code change.',
    course:
      'COPY requirements.txt . then RUN pip install -r requirements.txt, and only then COPY . .',
    labbook:
      'Pipeline steps are cached by their inputs: a step re-runs only when what it reads changed.',
  },
  'docker/non-root-user': {
    id: 'docker/non-root-user',
    severity: 'warning',
    why: 'A container that runs as root gives a compromised app root inside the container.',
    course: 'RUN useradd app and USER app before CMD.',
    labbook:
      "Student code runs in workers behind the kernel's guards: no DOM, no network beyond the Labbook's own API, a watchdog on time.",
  },
  'docker/expose-port': {
    id: 'docker/expose-port',
    severity: 'warning',
    why: "EXPOSE documents the port the app listens on; compose's ports and the healthcheck must agree with it.",
    course: 'EXPOSE 8000, the port uvicorn serves FastAPI on.',
    labbook:
      "The student's API is served under api/student/<project>/ on the Labbook's own origin.",
  },
  'docker/healthcheck': {
    id: 'docker/healthcheck',
    severity: 'warning',
    why: 'Without a HEALTHCHECK, Docker (and compose depends_on) cannot tell a running container from a working one.',
    course: 'HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1',
    labbook: "Every student API has a GET /health route the Labbook's watchdog calls.",
  },
  'docker/unknown-instruction': {
    id: 'docker/unknown-instruction',
    severity: 'error',
    why: 'docker build stops at an instruction it does not know.',
    course:
      'Dockerfile instructions: FROM, WORKDIR, COPY, RUN, ENV, EXPOSE, USER, HEALTHCHECK, CMD …',
    labbook: 'Nothing to run: the Labbook only reads the Dockerfile.',
  },
  'docker/bad-image': {
    id: 'docker/bad-image',
    severity: 'error',
    why: 'docker build refuses a FROM whose image name is not a valid reference.',
    course: 'FROM python:3.11-slim — registry/name:tag, in ASCII.',
    labbook: "The Labbook's runtime is bundled: there is no image to pull.",
  },
  'docker/unterminated': {
    id: 'docker/unterminated',
    severity: 'error',
    why: 'A heredoc without its end line, or a last line ending in the escape character, swallows or loses the rest of the instruction.',
    course: 'RUN commands split over lines with "\\" end on a line without one.',
    labbook: 'Nothing to run: the Labbook only reads the Dockerfile.',
  },
  'docker/no-from': {
    id: 'docker/no-from',
    severity: 'error',
    why: 'Every image starts FROM a base image.',
    course: 'The first instruction is FROM (after ARG and comments).',
    labbook: "The Labbook's bundled runtime is the base every cell and model runs on.",
  },
  'compose/services': {
    id: 'compose/services',
    severity: 'error',
    why: 'docker compose reads its containers from the top-level services mapping.',
    course: 'services: api: build: . ports: ["8000:8000"]',
    labbook: 'One project is one service: its api.js served under api/student/<project>/.',
  },
  'compose/ports': {
    id: 'compose/ports',
    severity: 'error',
    why: 'A port mapping compose cannot read stops docker compose up.',
    course: 'ports: ["8000:8000"] maps the host port to the container port.',
    labbook: 'No ports to map: the API shares the Labbook page’s origin.',
  },
} as const satisfies Record<string, ContainerRule>;

export type ContainerRuleId = keyof typeof CONTAINER_RULES;

/** The port the course serves its FastAPI app on (uvicorn's default, course 004). */
export const COURSE_API_PORT = 8000;

/** Each Dockerfile instruction → what the Labbook does instead (shown by explainDockerfile). */
export const INSTRUCTION_IN_LABBOOK: Record<string, string> = {
  FROM: CONTAINER_RULES['docker/pinned-base'].labbook,
  WORKDIR: 'The project folder is the working directory: paths in the project are relative to it.',
  COPY: 'Project files are already in the project store (IndexedDB); nothing is copied.',
  ADD: 'Project files are already in the project store (IndexedDB); nothing is copied.',
  RUN: CONTAINER_RULES['docker/deps-before-code'].labbook,
  ENV: "Settings live in the project's files and the run's params, recorded with each run.",
  ARG: "Settings live in the project's files and the run's params, recorded with each run.",
  USER: CONTAINER_RULES['docker/non-root-user'].labbook,
  EXPOSE: CONTAINER_RULES['docker/expose-port'].labbook,
  HEALTHCHECK: CONTAINER_RULES['docker/healthcheck'].labbook,
  CMD: "The API starts when the Labbook serves the project's api.js; there is no process to start.",
  ENTRYPOINT:
    "The API starts when the Labbook serves the project's api.js; there is no process to start.",
  LABEL: "Metadata lives in the registry: a version's tags, description and MLmodel manifest.",
  VOLUME:
    'Storage is the browser’s IndexedDB, kept across sessions and exported as a workspace file.',
};
