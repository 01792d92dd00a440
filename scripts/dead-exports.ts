/**
 * Lists exports of src/ that nothing else names: `npx tsx scripts/dead-exports.ts`.
 *
 * A word search, not a type checker (no dependency for a once-in-a-while cleanup): an export
 * counts as used when its name appears as a word in any other source, test, script or lesson
 * file, or twice in its own file beyond the declaration. So it can miss a dead export whose name
 * is a common word, never call a used one dead; read each before removing it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOTS = ['src', 'tests', 'scripts', 'lessons'];
const SOURCE = /\.(ts|svelte|js|md)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'artifacts') return [];
    return statSync(path).isDirectory() ? files(path) : SOURCE.test(name) ? [path] : [];
  });
}

// The root's config files too (vite.config.ts reads the isolation headers, for one).
const config = readdirSync('.').filter((f) => /\.(ts|js)$/.test(f) && statSync(f).isFile());
const all = [...ROOTS.flatMap(files), ...config];
const text = new Map(all.map((f) => [f, readFileSync(f, 'utf8')]));
const DECLARED =
  /^export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?(?:const|let|function\*?|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
const words = (source: string, name: string) =>
  source.match(new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'))?.length ?? 0;

const dead: string[] = [];
for (const file of all.filter((f) => f.startsWith('src/') && /\.ts$/.test(f))) {
  const own = text.get(file)!;
  for (const [, name] of own.matchAll(DECLARED)) {
    const elsewhere = all.some((f) => f !== file && words(text.get(f)!, name!) > 0);
    if (!elsewhere && words(own, name!) <= 1) dead.push(`${file}: ${name} (unused)`);
    else if (!elsewhere) dead.push(`${file}: ${name} (used only in its own file)`);
  }
}
console.log(dead.join('\n') || 'No dead exports.');
process.exitCode = dead.some((d) => d.endsWith('(unused)')) ? 1 : 0;
