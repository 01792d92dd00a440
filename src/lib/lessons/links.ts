import { closest, didYouMean, lessonError, type LessonErrorCode } from './errors';
import type { MarkdownToken } from './markdown';
import type { LessonError } from './types';
import { href } from '../routes/routes';

/**
 * What a lesson's links are checked against. Without it (one file parsed on its own) links are
 * left as written, but one that climbs out of the lessons folder is still an error.
 */
export interface LinkContext {
  /** Lesson ids by folder name (`03-data-validation` → `data-validation`). */
  lessons?: ReadonlyMap<string, string>;
  /** Files beside lesson.md by path inside the lesson folder, with the URL each is served at. */
  assets?: ReadonlyMap<string, string>;
}

/** Where the links of one run of Markdown tokens are, to name `file:line:column` in errors. */
export interface LinkSite {
  file: string;
  /** 1-based file line of the body's first line. */
  firstLine: number;
  /** The body's lines, to find the column of a link target. */
  lines: readonly string[];
}

const SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i;
/** Targets markdown-it refuses to link (it leaves them as text); said aloud instead of silently. */
const REFUSED = /\]\(\s*<?\s*(javascript|vbscript|file|data(?!:image\/(?:gif|png|jpeg|webp);)):/gi;

/**
 * Rewrites the links and images of Markdown tokens in place: `#/lesson/<id>` is checked,
 * `../NN-slug/lesson.md` becomes `#/lesson/<id>`, and a file beside lesson.md gets the URL it is
 * served at. Returns the files linked to (paths inside the lesson folder) and the errors.
 */
export function rewriteLinks(
  tokens: readonly MarkdownToken[],
  site: LinkSite,
  context: LinkContext,
): { assets: string[]; errors: LessonError[] } {
  const assets = new Set<string>();
  const errors: LessonError[] = [];
  for (const block of tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const [start, end] = block.map ?? [0, 1];
    // Links come in reading order: each search starts where the last one was found.
    let cursor = { index: start, from: 0 };
    const at = (target: string) => {
      const where =
        locate(site, cursor, end, target) ?? locate(site, { index: start, from: 0 }, end, target);
      if (!where) return { line: site.firstLine + start, column: 1 };
      cursor = { index: where.line - site.firstLine, from: where.column };
      return where;
    };
    for (const refused of block.content.matchAll(REFUSED)) {
      const where = at(refused[0]);
      errors.push(
        lessonError(
          site.file,
          where.line,
          'LESSON_UNSAFE_LINK',
          `A ${refused[1]!.toLowerCase()}: link is refused and shows as plain text: a lesson cannot run script or open local files. Link to a lesson, a file beside lesson.md or an https:// address.`,
          where.column + 2,
        ),
      );
    }
    for (const token of block.children) {
      const attr = token.type === 'link_open' ? 'href' : token.type === 'image' ? 'src' : null;
      const value = attr ? token.attrGet(attr) : null;
      if (!attr || value === null) continue;
      const raw = String(value);
      const result = resolveTarget(raw, context, token.type === 'image');
      if ('error' in result) {
        const where = at(raw);
        errors.push(lessonError(site.file, where.line, result.code, result.error, where.column));
      } else {
        token.attrSet(attr, result.href);
        if (result.asset) assets.add(result.asset);
      }
    }
  }
  return { assets: [...assets].sort(), errors };
}

type Resolved = { href: string; asset?: string } | { error: string; code: LessonErrorCode };

/** One link target: external and in-page links stay; lesson links and files are resolved. */
function resolveTarget(target: string, context: LinkContext, image = false): Resolved {
  if (SCHEME.test(target)) return { href: target };
  const lesson = /^#\/lesson\/([^?#]*)$/.exec(target);
  if (lesson) return lessonLink(decodeOr(lesson[1]!), target, context);
  if (target.startsWith('#') || target === '') return { href: target };
  const [path = '', suffix = ''] = /^([^?#]*)(.*)$/.exec(target)!.slice(1);
  const segments = resolveSegments(decodeOr(path));
  if (!segments)
    return {
      code: 'LESSON_LINK_OUTSIDE',
      error: `The link "${target}" leads outside the lessons folder. Link to a file beside lesson.md (./chart.png), another lesson (../03-data-validation/lesson.md or #/lesson/<id>), or a full https:// address.`,
    };
  if (segments[0] === '..') {
    const folder = segments[1] ?? '';
    const rest = segments.slice(2).join('/');
    if (segments.length <= 3 && (rest === '' || rest === 'lesson.md'))
      return folderLink(folder, target, context);
    return {
      code: 'LESSON_LINK_OUTSIDE',
      error: `The link "${target}" points into another lesson's folder; only its lesson.md can be linked (../${folder}/lesson.md). Copy the file beside this lesson instead.`,
    };
  }
  const asset = segments.join('/');
  if (segments[0] === 'project')
    return {
      code: 'LESSON_LINK_OUTSIDE',
      error: `The link "${target}" points into project/, the starter project, which is not served as a file. Link to a file beside lesson.md instead.`,
    };
  if (!context.assets) return { href: target };
  const url = context.assets.get(asset);
  if (url !== undefined) return { href: url + (image ? '' : suffix), asset };
  const known = [...context.assets.keys()];
  return {
    code: 'LESSON_MISSING_ASSET',
    error: `The ${image ? 'image' : 'link'} "${target}" names no file beside lesson.md.${didYouMean(asset, known)} ${known.length ? `Files there: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}.` : 'The folder holds no other file.'} Add the file, or fix the path.`,
  };
}

function lessonLink(id: string, target: string, context: LinkContext): Resolved {
  if (!context.lessons) return { href: target };
  const ids = [...context.lessons.values()];
  if (ids.includes(id)) return { href: href('lesson', { lessonId: id }) };
  return {
    code: 'LESSON_UNKNOWN_LINK',
    error: `The link "${target}" names no lesson.${didYouMean(id, ids)} Use a lesson's frontmatter id: #/lesson/<id>.`,
  };
}

function folderLink(folder: string, target: string, context: LinkContext): Resolved {
  if (!context.lessons) return { href: target };
  const id = context.lessons.get(folder);
  if (id !== undefined) return { href: href('lesson', { lessonId: id }) };
  const folders = [...context.lessons.keys()];
  // Authors renumber folders: a link to `07-tracking` still finds `08-tracking` by its slug.
  const bySlug = folders.find((f) => f.replace(/^\d+-/, '') === folder.replace(/^\d+-/, ''));
  const hint = bySlug ?? closest(folder, folders);
  return {
    code: 'LESSON_UNKNOWN_LINK',
    error: `The link "${target}" names no lesson folder.${hint ? ` Did you mean "../${hint}/lesson.md"?` : ''} Link to ../NN-slug/lesson.md of a lesson in lessons/.`,
  };
}

/**
 * `./a/../b.png` → `['b.png']`; `../03-x/lesson.md` → `['..', '03-x', 'lesson.md']`; null when
 * the path climbs above the lessons folder or is absolute.
 */
function resolveSegments(path: string): string[] | null {
  if (path.startsWith('/') || path.includes('\\') || path.includes('\0')) return null;
  const out: string[] = [];
  let depth = 0; // how far above the lesson folder the path stands
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (depth++ >= 1) return null;
    else out.push('..');
  }
  return out;
}

function decodeOr(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The file line and column of a link target at or after `from` (line index, column offset). */
function locate(
  site: LinkSite,
  from: { index: number; from: number },
  end: number,
  target: string,
) {
  for (let i = from.index; i < Math.max(end, from.index + 1); i++) {
    const at = (site.lines[i] ?? '').indexOf(target, i === from.index ? from.from : 0);
    if (at >= 0) return { line: site.firstLine + i, column: at + 1 };
  }
  return undefined;
}
