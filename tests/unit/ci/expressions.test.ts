import { describe, expect, it } from 'vitest';
import { CiError } from '../../../src/lib/ci/errors';
import { parseExpression } from '../../../src/lib/ci/expression-parse';
import {
  conditionHolds,
  evaluate,
  interpolate,
  type ExpressionContext,
} from '../../../src/lib/ci/expressions';

const ctx = (failed = false): ExpressionContext => ({
  contexts: {
    github: { ref: 'refs/heads/main', event_name: 'push', event: { inputs: { alpha: '0.5' } } },
    needs: { train: { result: 'success', outputs: { rmse: '54.2', tags: '["a","b"]' } } },
    matrix: { alpha: 0.1, model: 'ridge' },
    env: { TARGET: 'target' },
  },
  status: { failed, cancelled: false },
});
const run = (source: string, c = ctx()) => evaluate(parseExpression(source), c);

describe('expressions', () => {
  it('reads contexts, compares like GitHub and calls the documented functions', () => {
    expect(run("github.ref == 'refs/heads/MAIN'")).toBe(true); // strings compare case-insensitively
    expect(run('needs.train.outputs.rmse < 60')).toBe(true); // '54.2' coerces to a number
    expect(run("needs['train'].outputs['rmse']")).toBe('54.2');
    expect(run("matrix.alpha == 0.1 && matrix.model != 'lasso'")).toBe(true);
    expect(run('github.nothing.deeper')).toBe(null);
    expect(run("contains(fromJSON(needs.train.outputs.tags), 'b')")).toBe(true);
    expect(run("startsWith(github.ref, 'refs/heads/') && endsWith(github.ref, 'main')")).toBe(true);
    expect(run("format('{0}-{1}', matrix.model, matrix.alpha)")).toBe('ridge-0.1');
    expect(run("join(fromJSON('[1,2]'), '+')")).toBe('1+2');
    expect(run('!(1 > 2) || x')).toBe(true); // short-circuit: x is never looked up
    expect(interpolate('rmse=${{ needs.train.outputs.rmse }} for ${{ env.TARGET }}', ctx())).toBe(
      'rmse=54.2 for target',
    );
  });

  it("applies GitHub's implicit success() to a condition without a status function", () => {
    expect(conditionHolds("github.event_name == 'push'", ctx())).toBe(true);
    expect(conditionHolds("github.event_name == 'push'", ctx(true))).toBe(false);
    expect(conditionHolds('${{ failure() }}', ctx(true))).toBe(true);
    expect(conditionHolds('always()', ctx(true))).toBe(true);
    expect(conditionHolds(undefined, ctx(true))).toBe(false);
  });

  it('never reaches a function or the prototype', () => {
    for (const source of [
      'github.constructor',
      "github['constructor']['constructor']",
      'github.__proto__',
      "matrix.model['constructor']",
      'fromJSON(\'{"__proto__": {"x": 1}}\').x',
      'needs.train.outputs.toString',
    ])
      expect(run(source)).toBe(null);
    expect(() => run("constructor.constructor('return process')()")).toThrow(CiError);
    expect(() => run('globalThis')).toThrow(/Unknown name "globalThis"/);
  });

  it('refuses malformed expressions with the character and the grammar', () => {
    expect(() => parseExpression("github.ref == 'x")).toThrow(
      /"'" is not part of the expression language/,
    );
    expect(() => parseExpression('a +')).toThrow(/at character 3/);
    expect(() => parseExpression('('.repeat(100) + '1' + ')'.repeat(100))).toThrow(
      /levels of nesting/,
    );
    expect(() => parseExpression('x'.repeat(2000))).toThrow(/limit is 1000/);
    expect(() => run('eval(1)')).toThrow(/Unknown function eval\(\)/);
    expect(() => interpolate('a ${{ b', ctx())).toThrow(/without a closing/);
  });
});
