import { inspect } from '../../kernel/inspect';

/**
 * A `test.each` title for one row, as Jest writes it: printf placeholders (`%s %d %i %f %j %o %p
 * %#`) take the row's values in order; with one object per row, `$name` reads its fields.
 */
export function eachName(title: string, args: readonly unknown[], index: number): string {
  const [first] = args;
  if (
    args.length === 1 &&
    first &&
    typeof first === 'object' &&
    !Array.isArray(first) &&
    title.includes('$')
  )
    return title.replace(/\$([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)/g, (_, path: string) =>
      show(
        path
          .split('.')
          .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], first),
      ),
    );
  let next = 0;
  return title.replace(/%([sdifjop#%])/g, (match, kind: string) => {
    if (kind === '%') return '%';
    if (kind === '#') return String(index);
    if (next >= args.length) return match;
    const value = args[next++];
    if (kind === 'd' || kind === 'i')
      return String(kind === 'i' ? Math.trunc(Number(value)) : Number(value));
    if (kind === 'f') return String(Number(value));
    if (kind === 's') return typeof value === 'string' ? value : show(value);
    return show(value);
  });
}

function show(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : inspect(value, 1);
  } catch {
    return '[value that cannot be shown]';
  }
}
