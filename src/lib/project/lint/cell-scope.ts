import type { Linter, SourceCode } from 'eslint';

/** Rules that judge a top-level name by this cell alone, which is wrong in a notebook. */
const SHARED_SCOPE_RULES = new Set(['no-unused-vars', 'prefer-const']);

/**
 * Cells share one scope: a top-level `const model = …` is used by the cells below, and a
 * top-level `let` may be reassigned by another cell. So `no-unused-vars` and `prefer-const` are
 * dropped where they point at a top-level name of the cell; inside functions they still apply.
 */
export function cellScopeFilter(source: SourceCode): (message: Linter.LintMessage) => boolean {
  const topLevel = new Set<string>();
  const at = (node: { loc?: { start: { line: number; column: number } } | null }) => {
    if (node.loc) topLevel.add(`${node.loc.start.line}:${node.loc.start.column + 1}`);
  };
  const moduleScope = source.scopeManager.globalScope?.childScopes.find((s) => s.type === 'module');
  for (const variable of moduleScope?.variables ?? []) {
    for (const def of variable.defs) at(def.name);
    for (const reference of variable.references) at(reference.identifier);
  }
  return (message) =>
    !(
      message.ruleId !== null &&
      SHARED_SCOPE_RULES.has(message.ruleId) &&
      topLevel.has(`${message.line}:${message.column}`)
    );
}
