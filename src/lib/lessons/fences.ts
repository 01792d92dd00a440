/** Fence info strings: `js`, `js id=x`, `js setup`, `js exercise id=x title="…"`, `js check for=x hint="…"`, `widget name`. */
export type FenceKind = 'code' | 'setup' | 'exercise' | 'check' | 'widget' | 'static';

export interface FenceInfo {
  kind: FenceKind;
  widget?: string;
  options: Record<string, string>;
}

export const FENCE_OPTIONS: Record<FenceKind, readonly string[]> = {
  code: ['id'],
  setup: [],
  exercise: ['id', 'title'],
  check: ['for', 'hint'],
  widget: ['id'],
  static: [],
};

const OPTION = /\s*([a-zA-Z][\w-]*)=(?:"((?:[^"\\]|\\.)*)"|(\S+))/y;

export function parseOptions(
  text: string,
): { options: Record<string, string> } | { error: string } {
  const options: Record<string, string> = {};
  OPTION.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    OPTION.lastIndex = at;
    const m = OPTION.exec(text);
    if (!m)
      return { error: `cannot read "${text.slice(at).trim()}"; write key=value or key="a value"` };
    options[m[1]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
    at = OPTION.lastIndex;
  }
  return { options };
}

export function parseFenceInfo(info: string): FenceInfo | { error: string } {
  const trimmed = info.trim();
  const widget = /^widget\s+([a-z0-9-]+)(.*)$/.exec(trimmed);
  if (widget) {
    const options = parseOptions(widget[2]!);
    return 'error' in options
      ? options
      : { kind: 'widget', widget: widget[1]!, options: options.options };
  }
  if (trimmed === 'widget')
    return { error: 'a widget fence needs a name: ```widget lifecycle-explorer' };
  const js = /^(?:js|javascript)(?:\s+(setup|exercise|check)\b)?(.*)$/.exec(trimmed);
  if (!js) return { kind: 'static', options: {} };
  const options = parseOptions(js[2]!);
  if ('error' in options) return options;
  return { kind: (js[1] as FenceKind | undefined) ?? 'code', options: options.options };
}
