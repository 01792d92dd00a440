/**
 * `npm run pack -- <dir> [--out <file.zip>]`: checks a course pack (a `course/` folder: course.yaml
 * beside lesson folders) against this site's lessons with the same loader the site runs, prints
 * every problem as `file:line:column error CODE: message`, and exits 1 if there is one. With
 * `--out`, writes the files the pack uses as a zip students import on the Workspace page.
 */
import { existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { formatLessonError } from '../src/lib/lessons/errors';
import { loadPack } from '../src/lib/lessons/pack/load-pack';
import { dataUrl, recordReads, type PackReader } from '../src/lib/lessons/pack/reader';
import { loadCourse, readDatasetNames } from './vite/lessons-plugin';

/** Files of a folder on disk; a symbolic link or a path out of the folder is not followed. */
export function dirReader(dir: string): PackReader {
  const root = resolve(dir);
  return {
    label: dir,
    prefix: `${dir.replace(/\/+$/, '')}/`,
    read: (path, maxBytes) => {
      const full = resolve(root, path);
      if (!full.startsWith(root + '/') || !existsSync(full))
        return Promise.resolve({ status: 'missing' as const });
      const stat = lstatSync(full);
      if (!stat.isFile()) return Promise.resolve({ status: 'missing' as const });
      if (stat.size > maxBytes)
        return Promise.resolve({ status: 'too-large' as const, size: stat.size });
      return Promise.resolve({ status: 'ok' as const, bytes: new Uint8Array(readFileSync(full)) });
    },
    assetUrl: dataUrl,
  };
}

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : undefined;
const dir = args.find((a, i) => !a.startsWith('--') && i !== outAt + 1);
if (!dir || (outAt >= 0 && !out)) {
  console.error('Usage: npm run pack -- <course folder> [--out <pack.zip>]');
  process.exit(2);
}
if (!existsSync(join(dir, 'course.yaml'))) {
  console.error(
    `${dir}/course.yaml:1:1 error LESSON_PACK_BAD_ZIP: No course.yaml in ${dir}. A pack is a folder with course.yaml beside its lesson folders.`,
  );
  process.exit(1);
}
const site = loadCourse('lessons');
const { reader, used } = recordReads(dirReader(dir));
const datasets = readDatasetNames('lessons');
const result = await loadPack(
  reader,
  { index: site.lessons.map((l) => l.meta), course: site.course },
  datasets ? { datasets } : {},
);
for (const error of result.errors) console.error(formatLessonError(error));
if (result.errors.length > 0) {
  console.error(`\npack: ${result.errors.length} error(s); no zip written.`);
  process.exit(1);
}
console.log(
  `pack: ${result.added.length} lesson(s) added (${result.added.join(', ') || 'none'}), ${result.replaced.length} replaced (${result.replaced.join(', ') || 'none'}), no errors.`,
);
if (out) {
  const entries = Object.fromEntries([...used].map(([path, bytes]) => [`course/${path}`, bytes]));
  writeFileSync(out, zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }));
  console.log(`pack: wrote ${out} (${used.size} files).`);
}
