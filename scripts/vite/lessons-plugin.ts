import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { checkAll } from '../../src/lib/lessons/check-all';
import { checkCourse, defaultCourse } from '../../src/lib/lessons/course';
import { courseOrder } from '../../src/lib/lessons/course-plan';
import type { Course, CourseFile } from '../../src/lib/lessons/course-types';
import { formatLessonError } from '../../src/lib/lessons/errors';
import {
  LESSONS_UPDATE_EVENT,
  lessonsUpdate,
  type LessonsUpdate,
} from '../../src/lib/lessons/hot-update';
import type {
  AssetEntry,
  Lesson,
  LessonError,
  LessonFile,
  SeedEntry,
} from '../../src/lib/lessons/types';

const INDEX = 'virtual:lessons';
const ONE = 'virtual:lessons/';
const RESOLVED = '\0' + INDEX;
/** Every `<dir>/<folder>/lesson.md`, with paths relative to the working directory. */
export function readLessonFiles(dir: string): LessonFile[] {
  const root = resolve(dir);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'lesson.md')))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((entry) => {
      const path = join(root, entry.name, 'lesson.md');
      const project = join(root, entry.name, 'project');
      const assets = readAssetFiles(join(root, entry.name), entry.name);
      return {
        file: relative(process.cwd(), path).split(sep).join('/'),
        source: readFileSync(path, 'utf8'),
        ...(existsSync(project) ? { project: readSeedFiles(project) } : {}),
        ...(assets.length > 0 ? { assets } : {}),
      };
    });
}

/** `<dir>/NN-slug` folders with no lesson.md: a lesson the author thinks exists but is left out. */
export function readEmptyLessonFolders(dir: string): string[] {
  const root = resolve(dir);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !existsSync(join(root, entry.name, 'lesson.md')))
    .map((entry) => relative(process.cwd(), join(root, entry.name)).split(sep).join('/'))
    .sort();
}

/** The shipped datasets' names (folders of `datasets/` beside the lessons folder), if any. */
export function readDatasetNames(dir: string): string[] | undefined {
  const datasets = join(dirname(resolve(dir)), 'datasets');
  if (!existsSync(datasets)) return undefined;
  return readdirSync(datasets, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Every file beside a lesson.md except lesson.md and project/, with the URL it is served at:
 * `assets/lessons/<folder>/<name>-<content hash><ext>`, so a changed image is a new URL and the
 * offline copy never serves a stale one. The checker decides which may ship (src/lib/lessons/assets.ts).
 */
export function readAssetFiles(lessonDir: string, folder: string): AssetEntry[] {
  return readSeedFiles(lessonDir)
    .filter((e) => e.path !== 'lesson.md' && !e.path.startsWith('project/'))
    .map((e) => ({ ...e, url: assetUrl(folder, e.path, e.bytes) }));
}

function assetUrl(folder: string, path: string, bytes: Uint8Array): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const ext = extname(path);
  const stem = path.slice(0, path.length - ext.length).replace(/[^A-Za-z0-9._-]+/g, '_');
  return `assets/lessons/${folder.replace(/[^A-Za-z0-9._-]+/g, '_')}/${stem}-${hash}${ext.replace(/[^A-Za-z0-9.]+/g, '_')}`;
}

/**
 * Every file under a lesson's `project/` folder, paths `/`-joined and relative to it, as they are
 * on disk: the lesson checker (src/lib/lessons/seed.ts) validates the names, sizes and encoding.
 * Symbolic links are not followed, so a link cannot pull a file from outside the lesson in.
 */
export function readSeedFiles(folder: string, under = ''): SeedEntry[] {
  const entries: SeedEntry[] = [];
  for (const entry of readdirSync(join(folder, under), { withFileTypes: true })) {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) entries.push(...readSeedFiles(folder, path));
    else if (entry.isFile())
      entries.push({ path, bytes: new Uint8Array(readFileSync(join(folder, path))) });
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** `<dir>/course.yaml`, the course's parts and lesson order, when there is one. */
export function readCourseFile(dir: string): CourseFile | undefined {
  const path = join(resolve(dir), 'course.yaml');
  if (!existsSync(path)) return undefined;
  return {
    file: relative(process.cwd(), path).split(sep).join('/'),
    source: readFileSync(path, 'utf8'),
  };
}

/** Every lesson and the course, checked together (lessons:check and the build report the same). */
export function checkLessonsAndCourse(dir: string): {
  lessons: Lesson[];
  course: Course;
  errors: LessonError[];
  files: LessonFile[];
} {
  const files = readLessonFiles(dir);
  const datasets = readDatasetNames(dir);
  const checked = checkAll(files, {
    emptyFolders: readEmptyLessonFolders(dir),
    ...(datasets ? { datasets } : {}),
  });
  const metas = checked.lessons.map((l) => l.meta);
  const { course, errors } = checkCourse(readCourseFile(dir), metas);
  // In course order: the list, the index and "next lesson" all follow course.yaml, not folders.
  const rank = new Map(courseOrder(course).map((id, i) => [id, i]));
  const lessons = [...checked.lessons].sort(
    (a, b) => (rank.get(a.meta.id) ?? Infinity) - (rank.get(b.meta.id) ?? Infinity),
  );
  return { lessons, course, errors: [...checked.errors, ...errors], files };
}

/** The bytes of every file the given lessons show or link to, by the URL each is served at. */
export function usedAssets(lessons: Lesson[], files: LessonFile[]): Map<string, Uint8Array> {
  const served = new Map<string, Uint8Array>();
  for (const lesson of lessons) {
    const entries = files.find((f) => f.file === lesson.meta.path)?.assets ?? [];
    for (const path of lesson.assets ?? []) {
      const entry = entries.find((e) => e.path === path);
      if (entry) served.set(entry.url, entry.bytes);
    }
  }
  return served;
}

/**
 * Parses and checks every lesson and the course; throws one error listing every problem,
 * formatted. Without `drafts` (a build), draft lessons are left out.
 */
export function loadCourse(
  dir: string,
  drafts = false,
): { lessons: Lesson[]; course: Course; assets: Map<string, Uint8Array> } {
  const { lessons, course, errors, files } = checkLessonsAndCourse(dir);
  if (errors.length > 0) {
    const list = errors.map(formatLessonError).join('\n');
    throw new Error(`${errors.length} lesson error(s):\n${list}\nRun npm run lessons:check.`);
  }
  if (drafts) return { lessons, course, assets: usedAssets(lessons, files) };
  const left = new Set(course.drafts);
  const built = lessons.filter((l) => !left.has(l.meta.id));
  return {
    lessons: built,
    assets: usedAssets(built, files),
    course: {
      ...course,
      parts: course.parts.map((p) => ({ ...p, lessons: p.lessons.filter((id) => !left.has(id)) })),
      drafts: [],
    },
  };
}

/** The lessons of a build (no drafts), in course order. */
export function loadLessons(dir: string): Lesson[] {
  return loadCourse(dir).lessons;
}

/** The source of `virtual:lessons`: the index, the course, and a lazy import per lesson. */
export function indexModule(lessons: Lesson[], course?: Course): string {
  const cases = lessons.map(
    (l) =>
      `    case ${JSON.stringify(l.meta.id)}: return (await import(${JSON.stringify(ONE + l.meta.id)})).default;`,
  );
  return [
    `export const lessonIndex = ${JSON.stringify(lessons.map((l) => l.meta))};`,
    `export const course = ${JSON.stringify(course ?? defaultCourse(lessons.map((l) => l.meta)))};`,
    'export async function loadLesson(id) {',
    '  switch (id) {',
    ...cases,
    '    default: throw new Error(`There is no lesson with the id "${id}".`);',
    '  }',
    '}',
  ].join('\n');
}

/**
 * Serves `virtual:lessons` (the ordered `lessonIndex` and `loadLesson(id)`) and one chunk per
 * lesson, `virtual:lessons/<id>`, imported dynamically so lessons load lazily. Lessons are parsed
 * once per build; any lesson error fails the build (or shows in the dev overlay). In dev, a change
 * under `dir` invalidates the virtual modules and reloads the page.
 */
export function lessonsPlugin(options: { dir: string }): Plugin {
  const root = resolve(options.dir);
  let cache: ReturnType<typeof loadCourse> | undefined;
  // Draft lessons are served by `npm run dev` only; `configResolved` says which this is.
  let drafts = false;
  const loaded = () => (cache ??= loadCourse(options.dir, drafts));

  const invalidate = (server: ViteDevServer, file: string) => {
    if (!resolve(file).startsWith(root + sep)) return;
    const before = cache;
    cache = undefined;
    for (const environment of Object.values(server.environments)) {
      const graph = environment.moduleGraph;
      for (const [id, module] of graph.idToModuleMap) {
        if (id.startsWith(RESOLVED)) graph.invalidateModule(module);
      }
    }
    // A lesson edit updates the open page in place: its kernel, outputs and edits stay. A lesson
    // error, or a lesson added or removed, reloads the page (the overlay shows the error).
    let update: LessonsUpdate | null;
    try {
      update = before ? lessonsUpdate(before, loaded()) : null;
    } catch {
      update = null;
    }
    if (update) server.ws.send({ type: 'custom', event: LESSONS_UPDATE_EVENT, data: update });
    else server.ws.send({ type: 'full-reload' });
  };

  return {
    name: 'labbook-lessons',
    configResolved(config) {
      drafts = config.command === 'serve';
    },
    buildStart() {
      cache = undefined;
    },
    resolveId(id) {
      return id === INDEX || id.startsWith(ONE) ? '\0' + id : undefined;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return undefined;
      const { lessons: all, course } = loaded();
      for (const lesson of all) this.addWatchFile(resolve(lesson.meta.path));
      if (id === RESOLVED) return indexModule(all, course);
      const lessonId = id.slice(RESOLVED.length + 1);
      const lesson = all.find((l) => l.meta.id === lessonId);
      if (!lesson) this.error(`There is no lesson with the id "${lessonId}".`);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(lesson))});`;
    },
    generateBundle() {
      // Only the files a built lesson shows or links to ship, each under its hashed name; the PWA
      // precaches assets/lessons/** (vite.config.ts), so they are there offline after one visit.
      for (const [fileName, source] of loaded().assets)
        this.emitFile({ type: 'asset', fileName, source });
    },
    // Lesson files are this plugin's: the watcher below sends the page an in-place update.
    // Vite's own update would re-mount every component that imports the lessons (LessonPage
    // with it), starting a new kernel and losing what the student ran.
    hotUpdate({ file }) {
      if (resolve(file).startsWith(root + sep)) return [];
      return undefined;
    },
    configureServer(server) {
      server.watcher.add(root);
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]!).replace(/^\//, '');
        if (!path.startsWith('assets/lessons/')) return next();
        let bytes: Uint8Array | undefined;
        try {
          bytes = loaded().assets.get(path);
        } catch {
          return next(); // a lesson error: the overlay already says what to fix
        }
        if (!bytes) return next();
        res.setHeader('Content-Type', contentType(path));
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.end(Buffer.from(bytes));
      });
      for (const event of ['add', 'change', 'unlink'] as const) {
        server.watcher.on(event, (file) => invalidate(server, file));
      }
    },
  };
}

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
};

/** The dev server's type for a lesson file; anything else is plain text, never a page. */
function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'text/plain; charset=utf-8';
}
