import { beforeEach, describe, expect, it } from 'vitest';
import { caretExcerpt } from '../../../src/lib/notebook/caret';
import { formatElapsed } from '../../../src/lib/notebook/elapsed';
import { withoutLeadingLabels } from '../../../src/lib/notebook/message-prefix';
import { createKernelRuntime, type KernelRuntime } from '../../../src/lib/kernel/runtime';

describe('elapsed time of a cell', () => {
  it('reads like Jupyter: ms, then tenths of a second, then minutes', () => {
    expect(formatElapsed(4.4)).toBe('4 ms');
    expect(formatElapsed(999.4)).toBe('999 ms');
    expect(formatElapsed(1234)).toBe('1.2 s');
    expect(formatElapsed(59_999)).toBe('59.9 s');
    expect(formatElapsed(125_000)).toBe('2 min 5 s');
    expect(formatElapsed(Number.NaN)).toBe('');
    expect(formatElapsed(-1)).toBe('');
  });
});

describe('caret under the code line of an error', () => {
  it('puts the caret under the 1-based column of the given line', () => {
    expect(caretExcerpt('const a = 1;\nconst b = ;', 2, 11)).toEqual({
      line: 2,
      text: 'const b = ;',
      caret: '          ^',
    });
  });

  it('keeps the caret under its character when the line has tabs', () => {
    const excerpt = caretExcerpt('\tx = (;', 1, 6)!;
    expect(excerpt.text.indexOf('(')).toBe(excerpt.caret.length - 1);
  });

  it('cuts a minified line around the column instead of showing 10,000 characters', () => {
    const line = 'a'.repeat(5000) + '!' + 'b'.repeat(5000);
    const excerpt = caretExcerpt(line, 1, 5001)!;
    expect(excerpt.text.length).toBeLessThan(130);
    expect(excerpt.text[excerpt.caret.length - 1]).toBe('!');
  });

  it('shows nothing for a line the source does not have', () => {
    expect(caretExcerpt('x', 3, 1)).toBeNull();
    expect(caretExcerpt('x', 0, 1)).toBeNull();
  });
});

describe('doubled prefixes', () => {
  it('strips every leading copy of a label, in any case', () => {
    expect(withoutLeadingLabels('Not yet: Not yet: fit the model', ['Not yet'])).toBe(
      'fit the model',
    );
    expect(withoutLeadingLabels('Error: error: boom', ['Error'])).toBe('boom');
    expect(withoutLeadingLabels('Nothing to strip: here', ['Error'])).toBe(
      'Nothing to strip: here',
    );
    expect(withoutLeadingLabels('Errors: counted', ['Error'])).toBe('Errors: counted');
  });

  let kernel: KernelRuntime;
  beforeEach(async () => {
    kernel = createKernelRuntime();
    await kernel.reset();
  });

  it('a check that writes its own "Not yet:" is shown once as "Not yet: …"', async () => {
    const viaExpect = await kernel.check(
      'ex',
      "expect(false, 'Not yet: train a model first.')",
      'H',
    );
    expect(viaExpect).toEqual({ pass: false, message: 'train a model first.' });
    const viaResult = await kernel.check(
      'ex',
      "return { pass: true, message: 'Passed: good.' }",
      'H',
    );
    expect(viaResult).toEqual({ pass: true, message: 'good.' });
  });

  it('an error whose message already carries its name is not shown as "Error: Error: …"', async () => {
    const { outputs } = await kernel.run(
      'c',
      'throw new Error(String(new Error("boom")))',
      () => {},
    );
    expect(outputs[0]).toMatchObject({ type: 'error', name: 'Error', message: 'boom' });
  });
});
