import { describe, expect, it } from 'vitest';
import { checkConventionalCommit } from '../../../../src/lib/project/git/conventional-commit';

describe('Conventional Commits check', () => {
  it('parses type, scope, breaking mark, body and footers', () => {
    const result = checkConventionalCommit(
      'feat(data)!: drop rows with no fare\n\nThe model trained on them.\n\nBREAKING CHANGE: the row count changes\nRefs: #12',
    );
    expect(result).toEqual({
      parsed: {
        type: 'feat',
        scope: 'data',
        breaking: true,
        subject: 'drop rows with no fare',
        body: 'The model trained on them.',
        footers: [
          { token: 'BREAKING CHANGE', value: 'the row count changes' },
          { token: 'Refs', value: '#12' },
        ],
      },
      warnings: [],
    });
  });

  it('a BREAKING CHANGE footer alone marks the commit breaking', () => {
    expect(checkConventionalCommit('fix: x\n\nBREAKING CHANGE: y').parsed?.breaking).toBe(true);
    expect(checkConventionalCommit('fix: x\n\nJust a body.').parsed).toMatchObject({
      breaking: false,
      body: 'Just a body.',
      footers: [],
    });
  });

  it.each([
    ['added stuff', 'is not "type(scope): subject"'],
    ['feature: add x', '"feature" is not a usual type'],
    ['Fix: add x', 'lower case'],
    ['fix(): add x', 'scope "()" is empty'],
    ['fix: add x.', 'without a full stop'],
    ['fix: add x\nmore', 'Line 2 must be blank'],
    [`fix: ${'x'.repeat(80)}`, 'keep it under 72'],
    ['fix: x\n\nbreaking change: y', 'in capitals'],
  ])('warns about %j', (message, warning) => {
    expect(checkConventionalCommit(message).warnings.join(' ')).toContain(warning);
  });
});
