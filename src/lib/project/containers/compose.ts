import { LineCounter, isMap, isSeq, parseDocument, type Node } from 'yaml';
import type { LintDiagnostic } from '../lint/types';
import { wholeFileDiagnostic } from '../lint/file-diagnostics';
import { ruleDiagnostic, type Span } from './diagnostic';

/** Aliases a compose file may use; a "billion laughs" file needs far more. */
export const MAX_COMPOSE_ALIASES = 100;

export interface ComposeService {
  name: string;
  /** The service has a `build:` (its image comes from the project's Dockerfile). */
  builds: boolean;
  /** Container ports its `ports:` publish, each with where it is written. */
  ports: { port: number; at: Span }[];
}

export interface ParsedCompose {
  services: ComposeService[];
  problems: LintDiagnostic[];
}

function spanOf(node: Node | null | undefined, lines: LineCounter): Span {
  const [from, to] = node?.range ?? [0, 1];
  const start = lines.linePos(from);
  const end = lines.linePos(Math.max(to, from + 1));
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/** The container port of one `ports:` entry: "8000", "8080:8000", "127.0.0.1:8080:8000/tcp", {target}. */
function containerPort(entry: unknown): number | null {
  if (typeof entry === 'number') return Number.isInteger(entry) ? entry : null;
  if (entry && typeof entry === 'object')
    return containerPort((entry as { target?: unknown }).target);
  if (typeof entry !== 'string') return null;
  const last =
    entry
      .replace(/\/(tcp|udp|sctp)$/, '')
      .split(':')
      .pop() ?? '';
  return /^\d{1,5}$/.test(last) && Number(last) <= 65535 ? Number(last) : null;
}

/**
 * Reads a compose.yaml with the `yaml` package: syntax errors with their line and column, an
 * alias bomb refused by count, and the services' published container ports.
 */
export function parseCompose(path: string, text: string): ParsedCompose {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: LintDiagnostic[] = doc.errors.map((error) => {
    const at = lines.linePos(error.pos[0]);
    return {
      ...wholeFileDiagnostic(path, 'error', `YAML: ${error.message.split('\n')[0]}`),
      line: at.line,
      column: at.col,
      endLine: at.line,
      endColumn: at.col + 1,
    };
  });
  if (problems.length) return { services: [], problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_COMPOSE_ALIASES });
  } catch (error) {
    const message = `Not read: ${(error as Error).message} (a compose file needs at most ${MAX_COMPOSE_ALIASES} aliases). Write the repeated parts out, or use fewer anchors.`;
    return { services: [], problems: [wholeFileDiagnostic(path, 'error', message)] };
  }
  const servicesNode = isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
  const services = (data as { services?: unknown } | null)?.services;
  if (!services || typeof services !== 'object' || Array.isArray(services) || !isMap(servicesNode))
    return {
      services: [],
      problems: [
        ruleDiagnostic(
          path,
          'compose/services',
          spanOf(isMap(doc.contents) ? doc.contents : null, lines),
          'compose.yaml has no services mapping. Add one, e.g. "services:\\n  api:\\n    build: .\\n    ports: [\\"8000:8000\\"]".',
        ),
      ],
    };
  const found: ComposeService[] = [];
  for (const [name, service] of Object.entries(services as Record<string, unknown>)) {
    const node = servicesNode.get(name, true);
    const portsNode = isMap(node) ? node.get('ports', true) : undefined;
    const ports: ComposeService['ports'] = [];
    const raw = (service as { ports?: unknown } | null)?.ports;
    if (raw !== undefined && !Array.isArray(raw)) {
      problems.push(
        ruleDiagnostic(
          path,
          'compose/ports',
          spanOf(portsNode as Node, lines),
          `services.${name}.ports is not a list. Write it as a list, e.g. ports: ["8000:8000"].`,
        ),
      );
    }
    (Array.isArray(raw) ? raw : []).forEach((entry, i) => {
      const at = spanOf(isSeq(portsNode) ? (portsNode.items[i] as Node) : null, lines);
      const port = containerPort(entry);
      if (port === null)
        problems.push(
          ruleDiagnostic(
            path,
            'compose/ports',
            at,
            `services.${name}.ports[${i}] ${JSON.stringify(entry)} is not a port mapping compose reads. Write "HOST:CONTAINER", e.g. "8000:8000".`,
          ),
        );
      else ports.push({ port, at });
    });
    found.push({ name, builds: !!(service as { build?: unknown } | null)?.build, ports });
  }
  return { services: found, problems };
}

/** The port the Dockerfile's app must listen on: what compose publishes for the built service. */
export function apiPortFrom(compose: ParsedCompose | null): { port: number; from: string } | null {
  const service =
    compose?.services.find((s) => s.builds && s.ports.length) ??
    compose?.services.find((s) => s.ports.length);
  return service
    ? { port: service.ports[0]!.port, from: `compose.yaml service "${service.name}"` }
    : null;
}
