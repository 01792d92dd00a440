import type { LintDiagnostic } from '../lint/types';
import { wholeFileDiagnostic } from '../lint/file-diagnostics';
import { apiPortFrom, parseCompose } from './compose';
import { parseDockerfile } from './dockerfile';
import { lintDockerfile } from './lint-dockerfile';
import { INSTRUCTION_IN_LABBOOK } from './rules';

/** Larger container files are not parsed: a real Dockerfile or compose file is a few kB. */
export const MAX_CONTAINER_CHARS = 64 * 1024;

export type ContainerKind = 'dockerfile' | 'compose';

const COMPOSE_NAMES = /(^|\/)(compose|docker-compose)\.ya?ml$/;
const DOCKERFILE = /(^|\/)(Dockerfile|[^/]+\.Dockerfile|Dockerfile\.[^/]+)$/;

/** Which project files the container rules read. */
export function containerKindOf(path: string): ContainerKind | null {
  if (path.startsWith('.git/') || path.includes('node_modules/')) return null;
  if (COMPOSE_NAMES.test(path)) return 'compose';
  if (DOCKERFILE.test(path)) return 'dockerfile';
  return null;
}

function tooLarge(path: string, text: string): LintDiagnostic[] | null {
  if (text.length <= MAX_CONTAINER_CHARS) return null;
  return [
    wholeFileDiagnostic(
      path,
      'error',
      `Not checked: ${path} has ${text.length.toLocaleString('en')} characters, more than the ${MAX_CONTAINER_CHARS / 1024} kB a Dockerfile or compose file can have here. Split it, or remove the generated part.`,
    ),
  ];
}

/**
 * Lints a Dockerfile or compose.yaml. `compose` is the project's compose.yaml text, if any: the
 * Dockerfile's EXPOSE must match the port it publishes (else the course's 8000).
 */
export function lintContainerFile(
  path: string,
  text: string,
  compose?: string | null,
): LintDiagnostic[] {
  const kind = containerKindOf(path);
  if (!kind) return [];
  const large = tooLarge(path, text);
  if (large) return large;
  if (kind === 'compose') return parseCompose(path, text).problems;
  const parsedCompose =
    compose && compose.length <= MAX_CONTAINER_CHARS ? parseCompose('compose.yaml', compose) : null;
  const apiPort = apiPortFrom(parsedCompose);
  return lintDockerfile(path, text, apiPort ? { apiPort } : {});
}

/** Each instruction with its line and what the Labbook does in its place: for lessons and docs. */
export function explainDockerfile(
  text: string,
): { line: number; keyword: string; labbook: string }[] {
  if (text.length > MAX_CONTAINER_CHARS) return [];
  return parseDockerfile(text).instructions.map((i) => ({
    line: i.at.line,
    keyword: i.keyword,
    labbook: INSTRUCTION_IN_LABBOOK[i.keyword.toUpperCase()] ?? 'No Labbook counterpart.',
  }));
}
