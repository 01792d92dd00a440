import { lessonError } from './errors';
import type { AssetEntry, LessonError } from './types';

/**
 * Files beside lesson.md ship inside the offline copy of every student's browser, so each stays
 * small: data belongs in datasets/.
 */
export const ASSET_MAX_BYTES = 2 * 1024 * 1024;

/**
 * What a lesson may serve: images and plain data. Nothing a browser runs as a page (HTML, XML,
 * scripts), because a linked file opens on the Labbook's own origin, next to the students' work.
 */
const ASSET_TYPES = [
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'avif',
  'svg',
  'csv',
  'tsv',
  'json',
  'txt',
  'md',
  'yaml',
  'yml',
  'py',
] as const;

/**
 * Checks the files a lesson links to: type, size and, for SVG, anything that could run script.
 * Each error names the file (`lessons/NN-slug/chart.svg`) and the fix.
 */
export function checkAssets(
  used: readonly string[],
  entries: readonly AssetEntry[],
  file: string,
): LessonError[] {
  const folder = file.replace(/lesson\.md$/, '');
  const errors: LessonError[] = [];
  for (const path of used) {
    const entry = entries.find((e) => e.path === path);
    if (!entry) continue; // a missing file is reported at the link (LESSON_MISSING_ASSET)
    const at = (code: Parameters<typeof lessonError>[2], message: string) =>
      errors.push(lessonError(folder + path, 1, code, message));
    const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
    if (!(ASSET_TYPES as readonly string[]).includes(ext))
      at(
        'LESSON_ASSET_TYPE',
        `A lesson serves images and data files only (${ASSET_TYPES.join(', ')}); "${path}" is not one. Convert it, or put it somewhere students download it from.`,
      );
    else if ((entry.size ?? entry.bytes.byteLength) > ASSET_MAX_BYTES)
      at(
        'LESSON_ASSET_TOO_LARGE',
        `The file is ${(entry.size ?? entry.bytes.byteLength).toLocaleString('en')} bytes; a file beside lesson.md may hold at most ${ASSET_MAX_BYTES.toLocaleString('en')}. Shrink the image, or put data in datasets/.`,
      );
    else if (ext === 'svg') {
      const why = svgDanger(entry.bytes);
      if (why)
        at(
          'LESSON_ASSET_UNSAFE',
          `The SVG ${why}, which could run script on the Labbook's origin. Export it again without scripts, event handlers and links (or as PNG).`,
        );
    }
  }
  return errors;
}

/**
 * Why an SVG could run script, or ''. Character references are decoded and whitespace dropped
 * first, since browsers read `&#106;avascript:` and `java\tscript:` as `javascript:`.
 */
function svgDanger(bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes);
  const decoded = text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => codePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => codePoint(Number(dec)))
    .toLowerCase();
  // Tabs, newlines and other control characters are dropped from URLs by browsers.
  // eslint-disable-next-line no-control-regex
  const squeezed = decoded.replace(/[\s\0-\x1f]+/g, '');
  if (/<script/.test(decoded)) return 'holds a <script> element';
  if (/<(foreignobject|iframe|embed|object)\b/.test(decoded))
    return 'embeds other documents (foreignObject, iframe, embed or object)';
  if (/[\s/"']on[a-z]+\s*=/.test(decoded)) return 'has an event handler attribute (on…=)';
  if (/(javascript:|vbscript:|data:text\/html)/.test(squeezed)) return 'holds a javascript: URL';
  if (/<!entity/.test(decoded)) return 'declares XML entities';
  if (/attributename=["']?(xlink:)?href/.test(squeezed)) return 'animates a link target';
  return '';
}

function codePoint(n: number): string {
  return n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}
