import { describe, expect, it } from 'vitest';
import { lintProjectFile, lintStoredProject } from '../../../../src/lib/project/lint';
import { MemoryProjectStorage } from '../../../../src/lib/project/memory-storage';
import { DIR_MODE, FILE_MODE, type ProjectFileRow } from '../../../../src/lib/project/types';

const file = (path: string, text: string): ProjectFileRow => ({
  projectId: 'p',
  path,
  kind: 'file',
  bytes: new TextEncoder().encode(text),
  mode: FILE_MODE,
  mtimeMs: 0,
});

async function project(...rows: ProjectFileRow[]) {
  const port = new MemoryProjectStorage();
  await port.writeFiles('p', {
    put: [{ projectId: 'p', path: 'src', kind: 'dir', mode: DIR_MODE, mtimeMs: 0 }, ...rows],
  });
  return port;
}

describe('linting a stored project', () => {
  it('lints the saved files with the saved config', async () => {
    const port = await project(
      file('eslint.config.json', '{"rules": {"eqeqeq": "off"}}'),
      file('src/a.js', 'export const a = (x) => x == null;\nconst unused = 1;\n'),
      file('README.md', 'not linted'),
    );
    const report = await lintStoredProject(port, 'p');
    expect(report.files.map((f) => [f.path, f.diagnostics.map((d) => d.ruleId)])).toEqual([
      ['src/a.js', ['no-unused-vars']],
    ]);
    expect(report.summary).toMatchObject({ linted: 1, errors: 0, warnings: 1 });
  });

  it("lints the editor's unsaved text with the saved config, by the file's kind", async () => {
    const port = await project(file('eslint.config.json', '{"rules": {"no-console": "error"}}'));
    expect(
      (await lintProjectFile(port, 'p', 'src/a.test.js', "test('t', () => console.log(1));\n")).map(
        (d) => d.ruleId,
      ),
    ).toEqual(['no-console']);
    expect(await lintProjectFile(port, 'p', 'notes.md', 'x == y')).toEqual([]);
  });

  it('gives the config file its own problems while it is edited', async () => {
    const port = await project();
    const [problem] = await lintProjectFile(port, 'p', 'eslint.config.json', '{"rulez": {}}');
    expect(problem?.message).toMatch(/^Unknown field "rulez" .*Did you mean "rules"\?/);
  });
});
