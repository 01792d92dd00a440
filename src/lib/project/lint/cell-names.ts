import { transformCell } from '../../kernel/transform';

/**
 * The names the given cells declare at top level — the names the kernel puts in the shared scope
 * when they run. Read with the kernel's own transform, so lint and kernel agree on what a cell
 * declares.
 */
export function declaredByCells(sources: readonly string[]): string[] {
  const names = new Set<string>();
  for (const source of sources) for (const name of declaredBy(source)) names.add(name);
  return [...names];
}

// The editor asks on every pause in typing, with the same other cells each time: parse each once.
const cache = new Map<string, readonly string[]>();
const CACHE_SIZE = 500;

function declaredBy(source: string): readonly string[] {
  const known = cache.get(source);
  if (known) return known;
  let names: readonly string[] = [];
  try {
    const cell = transformCell(source);
    names = [...cell.declared, ...cell.functions];
  } catch {
    // A syntax error, or a cell nested past the parser's stack: it cannot run, so declares nothing.
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(source, names);
  return names;
}
