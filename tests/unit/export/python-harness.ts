import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runPipeline } from '../../../src/lib/pipeline';
import { gatherExport } from '../../../src/lib/export/python/gather';
import { pythonProjectFiles } from '../../../src/lib/export/python/project';
import { useNodeServices } from '../lab/node-services';

/**
 * Debian's Python with the project's packages: $LABBOOK_PYTHON, else /usr/bin/python3 (Debian's,
 * which a pyenv or venv python3 earlier on PATH may hide), else python3. A missing interpreter or
 * package fails with the apt line that installs it; it never skips.
 */
export function debianPython(): string {
  const candidates = [process.env.LABBOOK_PYTHON, '/usr/bin/python3', 'python3'].filter(
    (p): p is string => !!p && (p === 'python3' || existsSync(p)),
  );
  const probe = 'import numpy, pandas, sklearn, fastapi, httpx, pytest, yaml, pyflakes';
  const tried: string[] = [];
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', probe], { encoding: 'utf8' });
    if (r.status === 0) return python;
    tried.push(`${python}: ${(r.stderr || String(r.error)).trim().split('\n').at(-1)}`);
  }
  throw new Error(
    `No Python with the exported project's packages (${tried.join('; ')}). Install them: apt-get install -y python3-pandas python3-sklearn python3-fastapi python3-pytest python3-httpx python3-yaml python3-pyflakes (or set LABBOOK_PYTHON).`,
  );
}

const made: string[] = [];
// Each project holds its data as CSV (the taxi one, megabytes): gone when the file's tests end.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs a pipeline config headless, exports the run, and writes the project to a temp folder. */
export async function exportedProject(yaml: string, services = useNodeServices()) {
  const result = await runPipeline(yaml, services);
  const source = await gatherExport(services, result.runId);
  const dir = mkdtempSync(join(tmpdir(), 'labbook-python-'));
  made.push(dir);
  for (const [path, text] of Object.entries(pythonProjectFiles(source))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { services, result, source, dir };
}

export function run(python: string, args: string[], cwd: string): string {
  const r = spawnSync(python, args, { cwd, encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0)
    throw new Error(`${python} ${args.join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export { execFileSync };
