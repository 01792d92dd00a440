import { CellSyntaxError, transformCell } from '../../kernel/transform';

/**
 * The names the given cells declare at top level — the names the kernel puts in the shared scope
 * when they run. Read with the kernel's own transform, so lint and kernel agree on what a cell
 * declares. A cell with a syntax error declares nothing (it cannot run either).
 */
export function declaredByCells(sources: readonly string[]): string[] {
  const names = new Set<string>();
  for (const source of sources) {
    try {
      const cell = transformCell(source);
      for (const name of [...cell.declared, ...cell.functions]) names.add(name);
    } catch (error) {
      if (!(error instanceof CellSyntaxError)) throw error;
    }
  }
  return [...names];
}
