import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../../src/lib/lessons';
import { renderMarkdown } from '../../../src/lib/lessons/markdown';

const front = '---\nid: safe\ntitle: Safe\nsummary: S.\nobjectives: [o]\nminutes: 5\n---\n';

function html(body: string): string {
  const result = parseLesson(front + body, 'lessons/01-safe/lesson.md');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.lesson.blocks.map((b) => (b.kind === 'markdown' ? b.html : '')).join('');
}

describe('lesson Markdown cannot inject script', () => {
  it('escapes a script tag', () => {
    const out = html('<script>alert(1)</script>\n');
    expect(out).not.toMatch(/<script/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes an image with an event handler, inline or as a block', () => {
    const out = html(
      '<img src=x onerror="alert(1)">\n\nText <img src=x onerror=alert(1)> inline.\n',
    );
    expect(out).not.toMatch(/<img/i);
    expect(out).toContain('&lt;img src=x onerror=');
  });

  it('refuses javascript: and vbscript: links and data: HTML, as text and as an error', () => {
    const body =
      '[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](vbscript:msgbox) [w](data:text/html,<b>)\n';
    const result = parseLesson(front + body, 'lessons/01-safe/lesson.md');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.line, e.column])).toEqual([
      ['LESSON_UNSAFE_LINK', 8, 5],
      ['LESSON_UNSAFE_LINK', 8, 30],
      ['LESSON_UNSAFE_LINK', 8, 55],
      ['LESSON_UNSAFE_LINK', 8, 76],
    ]);
    const out = renderMarkdown(body);
    expect(out).not.toMatch(/href="(javascript|vbscript|data:text)/i);
    expect(out).not.toMatch(/<a /);
  });

  it('keeps ordinary links and images', () => {
    expect(html('[docs](https://idl.uw.edu/arquero/) ![chart](chart.png)\n')).toContain(
      '<a href="https://idl.uw.edu/arquero/">docs</a> <img src="chart.png" alt="chart">',
    );
  });
});
