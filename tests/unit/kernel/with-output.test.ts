import { expect, it } from 'vitest';
import { withOutput, type Output } from '../../../src/lib/kernel/outputs';

it('replaces an output with the same displayId where it stands, and appends any other', () => {
  const text = (t: string): Output => ({ type: 'value', text: t });
  const live = (n: number): Output => ({ type: 'rich', kind: 'k', data: n, displayId: 'a' });
  let outputs = withOutput([], text('first'));
  outputs = withOutput(outputs, live(1));
  outputs = withOutput(outputs, text('after'));
  const before = outputs;
  outputs = withOutput(outputs, live(2));
  expect(outputs).toEqual([text('first'), live(2), text('after')]);
  // A new array each time: state holding the old one sees the change.
  expect(before[1]).toEqual(live(1));
  // Outputs without an id, or with another, are added.
  outputs = withOutput(outputs, { type: 'rich', kind: 'k', data: 3 });
  outputs = withOutput(outputs, { ...live(4), displayId: 'b' } as Output);
  expect(outputs).toHaveLength(5);
});
