/**
 * How deep a JSON text nests, or the first character where it passes `max`. Checked on the text
 * before parsing: a value nested 100,000 deep parses fine but overflows the stack of whatever
 * walks it next (validation, IndexedDB's structured clone).
 */
export function jsonTooDeep(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}
