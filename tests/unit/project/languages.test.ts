import { describe, expect, it } from 'vitest';
import { languageFor, languageLabel } from '../../../src/lib/project/languages';

describe('languageFor', () => {
  it.each([
    ['src/features.js', 'javascript'],
    ['src/train.mjs', 'javascript'],
    ['types.ts', 'typescript'],
    ['package.json', 'json'],
    ['config.yml', 'yaml'],
    ['.github/workflows/ci.yaml', 'yaml'],
    ['README.md', 'markdown'],
    ['Dockerfile', 'dockerfile'],
    ['docker/Dockerfile.dev', 'dockerfile'],
    ['api.dockerfile', 'dockerfile'],
    ['.gitignore', 'shell'],
    ['sub/.dockerignore', 'shell'],
    ['scripts/run.sh', 'shell'],
    ['src/train.py', 'python'],
    ['LICENSE', 'plain'],
    ['notes.txt', 'plain'],
    ['.env.example', 'plain'],
  ])('%s opens as %s', (path, language) => {
    expect(languageFor(path)).toBe(language);
  });

  it('ignores the case of names and extensions, as a student on Windows would expect', () => {
    expect(languageFor('DOCKERFILE')).toBe('dockerfile');
    expect(languageFor('Config.YML')).toBe('yaml');
  });

  it('reads the name, not the folder: a folder named like a language changes nothing', () => {
    expect(languageFor('data.json/notes')).toBe('plain');
    expect(languageFor('Dockerfile/readme.md')).toBe('markdown');
  });

  it('has a label for every language', () => {
    expect(languageLabel(languageFor('a.yml'))).toBe('YAML');
    expect(languageLabel(languageFor('x'))).toBe('Plain text');
  });
});
