import { answerKey } from '../lab/mystery-answers';

/**
 * A cell's variables as plain values. Accessors are left out: a cell can define one on its
 * scope (`__scope`) and it would run the cell's code in the middle of a check.
 */
export function ownData(source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(source)))
    if ('value' in d) out[key] = d.value;
  return out;
}

/**
 * The scope a check runs in, built afresh for each check: the cells' variables, then the hidden
 * setup's (a cell cannot shadow a reference answer), then what only checks get — `expect`,
 * `answerKey(ref)` (a mystery's sealed answer, never on `lab`), the checks' own `lab`, the
 * pristine built-ins. Null-prototype, so a name a check misspells is a ReferenceError, not a
 * read of Object.prototype.
 */
export function checkScope(
  cells: Record<string, unknown>,
  hidden: Record<string, unknown>,
  trusted: Record<string, unknown>,
): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, cells, hidden, {
    ...trusted,
    answerKey,
  });
}
