import { describe, expect, it } from 'vitest';
import { parseFenceInfo, parseOptions } from '../../../src/lib/lessons/fences';

describe('fence info strings', () => {
  it('reads each kind', () => {
    expect(parseFenceInfo('js')).toEqual({ kind: 'code', options: {} });
    expect(parseFenceInfo('javascript id=a')).toMatchObject({
      kind: 'code',
      options: { id: { value: 'a' } },
    });
    expect(parseFenceInfo('js setup')).toEqual({ kind: 'setup', options: {} });
    expect(parseFenceInfo('js exercise id=mean-age title="Average age"')).toMatchObject({
      kind: 'exercise',
      options: { id: { value: 'mean-age' }, title: { value: 'Average age' } },
    });
    expect(parseFenceInfo('js check for=x hint="Say \\"mean\\"."')).toMatchObject({
      kind: 'check',
      options: { hint: { value: 'Say "mean".' } },
    });
    expect(parseFenceInfo('js solution for=x')).toMatchObject({
      kind: 'solution',
      options: { for: { value: 'x', offset: 12 } },
    });
    expect(parseFenceInfo('md hint for=x')).toMatchObject({
      kind: 'hint',
      options: { for: { value: 'x', offset: 8 } },
    });
    expect(parseFenceInfo('widget maturity-levels id=w')).toMatchObject({
      kind: 'widget',
      widget: 'maturity-levels',
      options: { id: { value: 'w' } },
    });
  });

  it('leaves other languages static', () => {
    for (const info of ['', 'sql', 'jsx', 'json', 'ts id=a', 'text', 'md', 'md hints', 'markdown'])
      expect(parseFenceInfo(info)).toEqual({ kind: 'static', options: {} });
  });

  it('explains what it cannot read', () => {
    expect(parseOptions('a=1 a=2')).toMatchObject({ error: expect.stringContaining('twice') });
    expect(parseOptions('  oops')).toMatchObject({ offset: 2 });
    expect(parseFenceInfo('widget')).toMatchObject({ error: expect.stringContaining('name') });
  });
});
