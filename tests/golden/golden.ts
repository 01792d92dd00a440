import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const HERE = dirname(new URL(import.meta.url).pathname);
const CHANGED = join(HERE, '..', 'artifacts', 'golden');
const inCi = () => Boolean(process.env.CI);

/**
 * Compares `actual` with tests/golden/<name>, as Observable Plot and Framework test what people
 * read. `UPDATE_GOLDEN=1` (re)writes the golden file, locally only: in CI a missing or different
 * golden fails, and nothing is written. A local mismatch also leaves the new text in
 * tests/artifacts/golden/<name> for a diff.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(HERE, name);
  if (process.env.UPDATE_GOLDEN && !inCi()) {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path))
    throw new Error(
      `No golden file tests/golden/${name}. Write it locally with UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/golden, look at it, and commit it (CI never writes golden files).`,
    );
  const expected = readFileSync(path, 'utf8');
  if (actual !== expected && !inCi()) {
    mkdirSync(CHANGED, { recursive: true });
    writeFileSync(join(CHANGED, name), actual);
  }
  expect(
    actual,
    `tests/golden/${name} differs (new text in tests/artifacts/golden/${name}); if the change is meant, rerun with UPDATE_GOLDEN=1`,
  ).toBe(expected);
}

/**
 * An SVG as stable text: one element per line, ids renumbered in order of appearance (Plot
 * numbers clip paths and markers per process), numbers rounded to 2 decimals so a last-digit
 * change in layout arithmetic does not count.
 */
export function normaliseSvg(svg: string): string {
  const ids = new Map<string, string>();
  const idOf = (id: string) => {
    if (!ids.has(id)) ids.set(id, `id-${ids.size + 1}`);
    return ids.get(id)!;
  };
  return (
    svg
      .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${idOf(id)}"`)
      .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${idOf(id)})`)
      .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${idOf(id)}"`)
      .replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))
      .replace(/>\s*</g, '>\n<')
      .trim() + '\n'
  );
}

/** JSON with sorted keys and two-space indent. */
export function normaliseJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value), null, 2) + '\n';
}
