import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { checkAll } from '../../src/lib/lessons/check-all';
import { checkCourse, defaultCourse } from '../../src/lib/lessons/course';
import { courseOrder } from '../../src/lib/lessons/course-plan';
import type { Course, CourseFile } from '../../src/lib/lessons/course-types';
import { formatLessonError } from '../../src/lib/lessons/errors';
import type { Lesson, LessonError, LessonFile, SeedEntry } from '../../src/lib/lessons/types';

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
      return {
        file: relative(process.cwd(), path).split(sep).join('/'),
        source: readFileSync(path, 'utf8'),
        ...(existsSync(project) ? { project: readSeedFiles(project) } : {}),
      };
    });
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
} {
  const checked = checkAll(readLessonFiles(dir));
  const metas = checked.lessons.map((l) => l.meta);
  const { course, errors } = checkCourse(readCourseFile(dir), metas);
  // In course order: the list, the index and "next lesson" all follow course.yaml, not folders.
  const rank = new Map(courseOrder(course).map((id, i) => [id, i]));
  const lessons = [...checked.lessons].sort(
    (a, b) => (rank.get(a.meta.id) ?? Infinity) - (rank.get(b.meta.id) ?? Infinity),
  );
  return { lessons, course, errors: [...checked.errors, ...errors] };
}

/**
 * Parses and checks every lesson and the course; throws one error listing every problem,
 * formatted. Without `drafts` (a build), draft lessons are left out.
 */
export function loadCourse(dir: string, drafts = false): { lessons: Lesson[]; course: Course } {
  const { lessons, course, errors } = checkLessonsAndCourse(dir);
  if (errors.length > 0) {
    const list = errors.map(formatLessonError).join('\n');
    throw new Error(`${errors.length} lesson error(s):\n${list}\nRun npm run lessons:check.`);
  }
  if (drafts) return { lessons, course };
  const left = new Set(course.drafts);
  return {
    lessons: lessons.filter((l) => !left.has(l.meta.id)),
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
  let cache: { lessons: Lesson[]; course: Course } | undefined;
  // Draft lessons are served by `npm run dev` only; `configResolved` says which this is.
  let drafts = false;
  const loaded = () => (cache ??= loadCourse(options.dir, drafts));

  const invalidate = (server: ViteDevServer, file: string) => {
    if (!resolve(file).startsWith(root + sep)) return;
    cache = undefined;
    for (const environment of Object.values(server.environments)) {
      const graph = environment.moduleGraph;
      for (const [id, module] of graph.idToModuleMap) {
        if (id.startsWith(RESOLVED)) graph.invalidateModule(module);
      }
    }
    server.ws.send({ type: 'full-reload' });
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
    configureServer(server) {
      server.watcher.add(root);
      for (const event of ['add', 'change', 'unlink'] as const) {
        server.watcher.on(event, (file) => invalidate(server, file));
      }
    },
  };
}
