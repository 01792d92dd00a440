import { describe, expect, it } from 'vitest';
import { sideBySide } from '../../../src/lib/lessons/line-diff';

describe('sideBySide', () => {
  it('aligns equal lines and pairs changed runs', () => {
    expect(
      sideBySide('// task\nconst a = 0;\na;', '// task\nconst a = 1;\nconst b = 2;\na;'),
    ).toEqual([
      { kind: 'same', left: '// task', right: '// task' },
      { kind: 'changed', left: 'const a = 0;', right: 'const a = 1;' },
      { kind: 'added', left: null, right: 'const b = 2;' },
      { kind: 'same', left: 'a;', right: 'a;' },
    ]);
  });

  it('shows lines only on the left as removed', () => {
    expect(sideBySide('x\ny', 'y')).toEqual([
      { kind: 'removed', left: 'x', right: null },
      { kind: 'same', left: 'y', right: 'y' },
    ]);
  });

  it('does not align huge texts, so the page never stalls', () => {
    const big = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const started = performance.now();
    const rows = sideBySide(big, `${big}\nmore`);
    expect(rows).toHaveLength(1001);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
