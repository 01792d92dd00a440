/** Loads scipy/sklearn reference fixtures and compares numbers with relative/absolute tolerances. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export interface Fixture<T> {
  generator: string;
  versions: Record<string, string>;
  cases: T[];
}

const dir = fileURLToPath(new URL('../../fixtures/reference/', import.meta.url));

const revive = (_key: string, value: unknown) =>
  value === 'Infinity'
    ? Infinity
    : value === '-Infinity'
      ? -Infinity
      : value === 'NaN'
        ? Number.NaN
        : value;

export function loadFixture<T>(name: string): Fixture<T> {
  return JSON.parse(readFileSync(dir + name, 'utf8'), revive) as Fixture<T>;
}

/** |actual - expected| <= max(rel·|expected|, abs); exact match required for non-finite values. */
export function closeTo(actual: number, expected: number, rel: number, abs = 0): boolean {
  if (!Number.isFinite(expected) || !Number.isFinite(actual))
    return Object.is(actual, expected) || actual === expected;
  return Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), abs);
}

export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
}

export function expectClose(
  actual: number,
  expected: number,
  rel: number,
  abs = 0,
  label = '',
): void {
  if (!closeTo(actual, expected, rel, abs)) {
    expect.fail(
      `${label}: got ${actual}, expected ${expected} (rel err ${relativeError(actual, expected)})`,
    );
  }
}
