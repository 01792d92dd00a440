import { parse, type Options } from 'acorn';

const MODULE: Options = {
  ecmaVersion: 'latest',
  sourceType: 'module',
  allowAwaitOutsideFunction: true,
  allowHashBang: false,
};
/** A check is the body of an async function, so `return` and `await` are allowed. */
const CHECK: Options = { ...MODULE, allowReturnOutsideFunction: true };

/** Syntax error in a cell's or check's JavaScript, with a 1-based line/column in the source. */
export function syntaxError(
  source: string,
  as: 'cell' | 'check',
): { line: number; column: number; message: string } | null {
  try {
    parse(source, as === 'check' ? CHECK : MODULE);
    return null;
  } catch (error) {
    const e = error as SyntaxError & { loc?: { line: number; column: number } };
    return {
      line: e.loc?.line ?? 1,
      column: (e.loc?.column ?? 0) + 1,
      message: e.message.replace(/\s*\(\d+:\d+\)$/, ''),
    };
  }
}
