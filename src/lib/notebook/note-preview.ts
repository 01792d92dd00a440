import { renderMarkdown } from '../lessons/markdown';

/**
 * Above this many characters a note is shown as plain text rather than rendered: Markdown of
 * megabytes (a pasted log, a dataset) would hold the page's thread for seconds. The note itself is
 * stored whole; only its display is cut.
 */
export const NOTE_RENDER_LIMIT = 100_000;
/** Characters of an over-long note shown as plain text. */
const NOTE_PLAIN_PREVIEW = 20_000;

export type NotePreview =
  | { kind: 'markdown'; html: string }
  | { kind: 'plain'; text: string; hidden: number }
  | { kind: 'empty' };

/**
 * What a student's note cell shows. Markdown goes through the lessons' renderer (raw HTML off,
 * `javascript:` links refused); the page sanitises the result again, as it does every output.
 */
export function notePreview(source: string): NotePreview {
  if (source.trim() === '') return { kind: 'empty' };
  if (source.length > NOTE_RENDER_LIMIT) {
    const text = source.slice(0, NOTE_PLAIN_PREVIEW);
    return { kind: 'plain', text, hidden: source.length - text.length };
  }
  return { kind: 'markdown', html: renderMarkdown(source) };
}
