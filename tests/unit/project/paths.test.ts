import { describe, expect, it } from 'vitest';
import { ProjectError } from '../../../src/lib/project/errors';
import { ancestorsOf, normalizePath, resolveRelative } from '../../../src/lib/project/paths';

describe('project paths', () => {
  it('makes typed paths canonical', () => {
    expect(normalizePath('./src//features.js ')).toBe('src/features.js');
    expect(ancestorsOf('a/b/c.js')).toEqual(['a', 'a/b']);
    expect(resolveRelative('src/train.js', './features.js')).toBe('src/features.js');
    expect(resolveRelative('src/a/b.js', '../c.js')).toBe('src/c.js');
  });

  it.each([
    ['/etc/passwd', 'bad-path'],
    ['../outside.js', 'bad-path'],
    ['src/../../x', 'bad-path'],
    ['', 'bad-path'],
    ['a\u0000b.js', 'bad-name'],
    ['con:1.js', 'bad-name'],
    ['back\\slash.js', 'bad-name'],
    ['trailing.', 'bad-name'],
    ['.git/config', 'reserved'],
    ['x'.repeat(200), 'bad-name'],
  ])('refuses %j (%s)', (input, code) => {
    try {
      normalizePath(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProjectError);
      expect((error as ProjectError).code).toBe(code);
    }
  });

  it('lets Git itself write inside .git', () => {
    expect(normalizePath('.git/HEAD', { allowGit: true })).toBe('.git/HEAD');
  });

  it('refuses a relative import that leaves the project', () => {
    expect(() => resolveRelative('a.js', '../x.js')).toThrow(/outside the project/);
  });
});
