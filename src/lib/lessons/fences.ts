import { didYouMean } from './errors';

/**
 * Fence info strings: `js`, `js id=x`, `js setup`, `js exercise id=x title="…"`,
 * `js check for=x hint="…"`, `js solution for=x`, `md hint for=x`, `widget name`, and in an
 * instructor's grading pack only, `js hidden-check for=x`. Anything else is static code.
 */
export type FenceKind =
  | 'code'
  | 'setup'
  | 'exercise'
  | 'check'
  | 'solution'
  | 'hint'
  | 'hidden-check'
  | 'widget'
  | 'static';

export interface FenceOption {
  value: string;
  /** 0-based offset of the key in the info string. */
  offset: number;
}

export interface FenceInfo {
  kind: FenceKind;
  /** The widget name, for `widget` fences. */
  widget?: string;
  options: Record<string, FenceOption>;
}

export interface FenceInfoError {
  error: string;
  /** 0-based offset in the info string where reading failed. */
  offset: number;
}

/** The options each fence kind accepts. */
export const FENCE_OPTIONS: Record<FenceKind, readonly string[]> = {
  code: ['id'],
  setup: [],
  exercise: ['id', 'title', 'solution-after', 'points'],
  check: ['for', 'hint'],
  solution: ['for'],
  hint: ['for'],
  'hidden-check': ['for', 'hint'],
  widget: ['id'],
  static: [],
};

const JS_KINDS = ['setup', 'exercise', 'check', 'solution', 'hidden-check'];

const OPTION = /\s*([a-zA-Z][\w-]*)=(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))/y;

/** `key=value key="quoted \"value\""` → options; `start` is the offset of `text` in the info. */
export function parseOptions(
  text: string,
  start = 0,
): { options: Record<string, FenceOption> } | FenceInfoError {
  const options: Record<string, FenceOption> = {};
  let at = 0;
  while (!/^\s*$/.test(text.slice(at))) {
    OPTION.lastIndex = at;
    const m = OPTION.exec(text);
    const offset = start + at + (text.slice(at).length - text.slice(at).trimStart().length);
    if (!m) {
      const rest = text.slice(at).trim();
      return {
        error: `cannot read "${rest}"; write key=value or key="a quoted value"`,
        offset,
      };
    }
    if (options[m[1]!]) return { error: `the option "${m[1]}" is given twice`, offset };
    options[m[1]!] = { value: m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!, offset };
    at = OPTION.lastIndex;
  }
  return { options };
}

/** Reads a fence's info string (what follows the opening ```). */
export function parseFenceInfo(info: string): FenceInfo | FenceInfoError {
  const widget = /^(\s*widget\s+)([a-z0-9-]+)(.*)$/.exec(info);
  if (widget) {
    const read = parseOptions(widget[3]!, widget[1]!.length + widget[2]!.length);
    return 'error' in read ? read : { kind: 'widget', widget: widget[2]!, options: read.options };
  }
  if (/^\s*widget\s*$/.test(info))
    return { error: 'a widget fence needs a name, e.g. ```widget lifecycle-explorer', offset: 0 };
  const hint = /^(\s*(?:md|markdown)\s+hint\b)(.*)$/.exec(info);
  if (hint) {
    const read = parseOptions(hint[2]!, hint[1]!.length);
    return 'error' in read ? read : { kind: 'hint', options: read.options };
  }
  const js =
    /^(\s*(?:js|javascript)\b(?:\s+(hidden-check|setup|exercise|check|solution)(?![\w-]))?)(.*)$/.exec(
      info,
    );
  if (!js) return { kind: 'static', options: {} };
  const bare = /^\s+([a-zA-Z][\w-]*)(?=\s|$)/.exec(js[3]!);
  if (bare)
    return {
      error: `"${bare[1]}" is not a kind of js fence.${didYouMean(bare[1]!, JS_KINDS)} Write \`\`\`js, \`\`\`js setup, \`\`\`js exercise, \`\`\`js check or \`\`\`js solution`,
      offset: js[1]!.length + bare[0].length - bare[1]!.length,
    };
  const read = parseOptions(js[3]!, js[1]!.length);
  if ('error' in read) return read;
  return { kind: (js[2] as FenceKind | undefined) ?? 'code', options: read.options };
}
