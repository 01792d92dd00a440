import { from as aqFrom, type ColumnTable } from 'arquero';
import { Markdown } from '../kernel/to-output';
import { ProjectError } from '../project/errors';
import { ProjectFiles } from '../project/files';
import { createModuleLoader, type Namespace } from '../project/modules/loader';
import { projectSource } from '../project/modules/project-source';
import { exportDocs, type ExportDoc } from '../project/modules/export-docs';
import { importModule } from '../kernel/modules';
import type { ProjectFileRow, ProjectRow } from '../project/types';
import { defineLabNamespace } from './index';
import { ProjectGit } from './project-git';
import { labServices } from './services';

let current: { port: unknown; files: ProjectFiles } | undefined;

function projects(): ProjectFiles {
  const { port } = labServices().projects;
  if (current?.port !== port) current = { port, files: new ProjectFiles(port) };
  return current.files;
}

/**
 * A project as a cell holds it. Every call reads storage afresh, so a handle never shows stale
 * files, and every write stores mtimeMs, which an open Project page checks before it saves.
 */
export class ProjectHandle {
  constructor(
    readonly id: string,
    readonly name: string,
    /** Where freshly imported modules' console writes: the running cell's output. */
    private readonly console?: unknown,
  ) {}

  /** Paths of the project's files (folders and `.git` left out), sorted. */
  async files(): Promise<string[]> {
    return (await projects().tree(this.id)).filter((r) => r.kind === 'file').map((r) => r.path);
  }
  read(path: string): Promise<string> {
    return projects().readText(this.id, path);
  }
  async write(path: string, text: string): Promise<void> {
    if (typeof text !== 'string')
      throw new ProjectError(
        'bad-path',
        `write(path, text) stores text; got ${text === null ? 'null' : typeof text}. Pass a string, e.g. JSON.stringify(value, null, 2).`,
        typeof path === 'string' ? path : undefined,
      );
    await projects().write(this.id, path, text);
  }
  move(from: string, to: string): Promise<void> {
    return projects().move(this.id, from, to);
  }
  async remove(path: string): Promise<void> {
    await projects().remove(this.id, path);
  }
  /**
   * Imports a module of this project in a loader of its own: the module and every project module
   * it imports run anew, so nothing an earlier import changed (a cache, a counter) carries over,
   * as when a fresh Python process imports a package. `project:` imports keep their modules.
   */
  async importFresh(path: string): Promise<Namespace> {
    if (typeof path !== 'string')
      throw new ProjectError(
        'bad-path',
        `importFresh(path) takes a file path such as 'src/train.js'; got ${path === null ? 'null' : typeof path}.`,
      );
    const source = projectSource(labServices().projects.port, this.id);
    const loader = createModuleLoader({
      readText: (file) => source.readText(file),
      importLibrary: importModule,
      globals: this.console ? { console: this.console } : {},
    });
    return (await loader.import(
      path.startsWith('project:') ? path : `project:${path}`,
    )) as Namespace;
  }
  /**
   * The exported functions of a module with the JSDoc comment above each, read from the source
   * without running it: what Python's help(module) shows of docstrings.
   */
  async docs(path: string): Promise<ExportDoc[]> {
    return exportDocs(await this.read(path), path);
  }
  /**
   * The Problems panel's findings — ESLint on the JavaScript, the container rules on Dockerfile
   * and compose.yaml — as a table. The linter loads on first use: most cells never need it.
   */
  async lint(options: { strict?: boolean } = {}): Promise<ColumnTable> {
    const { lintStoredProject } = await import('../project/lint/stored-project');
    const report = await lintStoredProject(labServices().projects.port, this.id, {
      strict: options?.strict === true,
    });
    return aqFrom(
      report.files.flatMap((f) =>
        f.diagnostics.map((d) => ({
          path: d.path,
          line: d.line,
          column: d.column,
          severity: d.severity,
          rule: d.ruleId,
          message: d.message,
        })),
      ),
      ['path', 'line', 'column', 'severity', 'rule', 'message'],
    );
  }
  /** Each instruction of a Dockerfile with what the Labbook does in its place (docs/containers.md). */
  async explain(path = 'Dockerfile'): Promise<ColumnTable> {
    const { explainDockerfile } = await import('../project/containers/lint-containers');
    return aqFrom(explainDockerfile(await this.read(path)), ['line', 'keyword', 'labbook']);
  }
  /** The project's Git repository: status, add, commit, branch, checkout, merge, tag, log. */
  get git(): ProjectGit {
    return new ProjectGit(this.id);
  }
  /** The file tree, drawn as text. */
  async tree(): Promise<Markdown> {
    return new Markdown(drawTree(this.name, await projects().tree(this.id)));
  }
  toString(): string {
    return `Project ${this.name}`;
  }
}

// Checks open the project through this class too: a cell must not be able to redefine `git`,
// `files` or `read` for them.
Object.freeze(ProjectHandle.prototype);

/** `name/` then one line per row, indented by depth, folders ending in `/`, in a text fence. */
export function drawTree(name: string, rows: ProjectFileRow[]): string {
  const lines = [`${name}/`];
  for (const row of rows) {
    const depth = row.path.split('/').length;
    const base = row.path.slice(row.path.lastIndexOf('/') + 1);
    lines.push(`${'  '.repeat(depth)}${base}${row.kind === 'dir' ? '/' : ''}`);
  }
  const body = lines.join('\n');
  // A fence longer than any run of backticks in a file name, so no name can close it.
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${body}\n${fence}`;
}

async function find(nameOrId: string): Promise<ProjectRow> {
  const all = await projects().list();
  const row = all.find((p) => p.name === nameOrId) ?? all.find((p) => p.id === nameOrId);
  if (row) return row;
  const names = all.map((p) => p.name);
  throw new ProjectError(
    'not-found',
    `There is no project "${String(nameOrId).slice(0, 80)}". ${names.length ? `Projects: ${names.join(', ')}.` : 'There are no projects yet: create one with lab.project.create(name).'}`,
  );
}

function open(row: ProjectRow, console: unknown): ProjectHandle {
  labServices().projects.setActive(row.id);
  return new ProjectHandle(row.id, row.name, console);
}

defineLabNamespace('project', (ctx) => ({
  list: async () =>
    aqFrom(
      (await projects().list()).map((p) => ({
        name: p.name,
        id: p.id,
        lesson: p.lessonId ?? '',
        updated: new Date(p.updatedAt),
      })),
    ),
  create: async (name: string, files: Record<string, string> = {}) => {
    if (typeof files !== 'object' || files === null || Array.isArray(files))
      throw new ProjectError(
        'bad-path',
        'create(name, files) takes files as { "path": "text" }, e.g. { "src/features.js": "export {}" }.',
      );
    return open(await projects().create(name, { ...files }), ctx.console);
  },
  open: async (name: string) => open(await find(name), ctx.console),
  current: async () => {
    const id = labServices().projects.active();
    if (!id) return null;
    const row = await projects()
      .list()
      .then((all) => all.find((p) => p.id === id));
    return row ? new ProjectHandle(row.id, row.name, ctx.console) : null;
  },
}));
