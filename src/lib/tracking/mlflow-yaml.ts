/**
 * meta.yaml as MLflow's file store reads it (PyYAML's safe_load). Every string is written
 * double-quoted with escapes, so any name, however hostile, reads back as exactly itself: PyYAML
 * refuses raw control characters and folds raw newlines inside quotes into spaces.
 */

/** Characters PyYAML accepts unescaped in a stream (its reader's NON_PRINTABLE complement). */
const PRINTABLE = /[\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD]|[\uD800-\uDBFF][\uDC00-\uDFFF]/y;

function yamlString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length;) {
    PRINTABLE.lastIndex = i;
    const match = PRINTABLE.exec(s);
    const text = match?.[0];
    if (text && text !== '\t' && text !== '\n' && text !== '\r' && text !== '\x85') {
      out += text === '"' || text === '\\' ? `\\${text}` : text;
      i += text.length;
    } else {
      const code = s.charCodeAt(i);
      // A lone surrogate is not a character: written as U+FFFD, as a UTF-8 encoder would.
      const shown = code >= 0xd800 && code <= 0xdfff ? 0xfffd : code;
      out += `\\u${shown.toString(16).padStart(4, '0')}`;
      i += 1;
    }
  }
  return `${out}"`;
}

export type YamlValue = string | number | null | readonly never[];

/** A flat YAML mapping, keys in MLflow's (alphabetical) order as given. */
export function yamlMapping(fields: Record<string, YamlValue>): string {
  return Object.entries(fields)
    .map(([key, value]) => {
      const text =
        value === null
          ? 'null'
          : typeof value === 'number'
            ? String(value)
            : typeof value === 'string'
              ? yamlString(value)
              : '[]';
      return `${key}: ${text}\n`;
    })
    .join('');
}
