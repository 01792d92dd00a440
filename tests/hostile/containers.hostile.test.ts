import { describe, expect } from 'vitest';
import {
  explainDockerfile,
  lintContainerFile,
  MAX_CONTAINER_CHARS,
} from '../../src/lib/project/containers';
import { lintStoredProject } from '../../src/lib/project/lint';
import { MemoryProjectStorage } from '../../src/lib/project/memory-storage';
import { FILE_MODE } from '../../src/lib/project/types';
import { memoryRegistryPort, ModelRegistry, RegistryError } from '../../src/lib/registry';
import { pinMismatch, RUNNING_PINS } from '../../src/lib/registry/pins';
import { memoryTrackingPort, Tracker } from '../../src/lib/tracking';
import { matrix } from '../../src/lib/train/matrix';
import { fitModel } from '../../src/lib/train/model';
import { hostile } from './hostile';

const GOOD_TAIL = 'USER app\nEXPOSE 8000\nHEALTHCHECK CMD curl -f http://localhost:8000/health\n';
const rules = (path: string, text: string) =>
  lintContainerFile(path, text).map((d) => [d.ruleId, d.line, d.column]);

describe('Dockerfiles', () => {
  hostile('containers', 'a 5 MB Dockerfile', { guards: 'availability' }, () => {
    const text = 'RUN echo hello \\\n'.repeat(320_000);
    expect(text.length).toBeGreaterThan(5_000_000);
    const started = performance.now();
    const [only, ...rest] = lintContainerFile('Dockerfile', text);
    expect(performance.now() - started).toBeLessThan(200);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ line: 1, severity: 'error' });
    expect(only!.message).toMatch(
      /^Not checked: Dockerfile has 5,440,000 characters, more than the 64 kB .*Split it/,
    );
    expect(explainDockerfile(text)).toEqual([]);
  });

  hostile(
    'containers',
    'a file just under the cap, all continuation lines',
    { guards: 'availability' },
    () => {
      const text = `FROM python:3.11-slim\n${'RUN x \\\n'.repeat((MAX_CONTAINER_CHARS - 100) / 8)}\n${GOOD_TAIL}`;
      const started = performance.now();
      lintContainerFile('Dockerfile', text);
      // The editor lints as the student types, in the lint worker: it must stay quick.
      expect(performance.now() - started).toBeLessThan(2_000);
    },
  );

  hostile('containers', 'a line continuation that never ends', { guards: 'clarity' }, () => {
    const text = `FROM python:3.11-slim\n${GOOD_TAIL}RUN pip install \\\n    flask \\\n\n\n`;
    const [d] = lintContainerFile('Dockerfile', text).filter(
      (x) => x.ruleId === 'docker/unterminated',
    );
    expect(d).toMatchObject({ line: 6, severity: 'error' });
    expect(d!.message).toMatch(
      /^Line 6 ends with "\\", continuing the instruction onto a line that does not exist\. Remove the trailing "\\"/,
    );
    // With `# escape=` the backtick continues lines instead (Windows Dockerfiles).
    const tick = `# escape=\`\nFROM python:3.11-slim\n${GOOD_TAIL}RUN dir \``;
    expect(rules('Dockerfile', tick)).toEqual([['docker/unterminated', 6, 9]]);
  });

  hostile(
    'containers',
    'heredocs: closed ones are data, an unclosed one is located',
    { guards: 'clarity' },
    () => {
      // Inside a heredoc, FROM and USER root are script text, not instructions.
      const closed = `FROM python:3.11-slim\nRUN <<EOF\nFROM scratch\nUSER root\nEOF\n${GOOD_TAIL}`;
      expect(rules('Dockerfile', closed)).toEqual([]);
      const open = `FROM python:3.11-slim\n${GOOD_TAIL}RUN <<-"SCRIPT"\n  echo hi\n`;
      const [d] = lintContainerFile('Dockerfile', open).filter(
        (x) => x.ruleId === 'docker/unterminated',
      );
      expect(d).toMatchObject({ line: 5, severity: 'error' });
      expect(d!.message).toMatch(
        /heredoc <<SCRIPT opened on line 5 never ends.*Add a line holding only SCRIPT/,
      );
    },
  );

  hostile(
    'containers',
    'unicode: look-alike keywords, bidi controls, emoji, lone surrogates',
    { guards: 'clarity' },
    () => {
      const text = `ＦＲＯＭ python:3.11\nFROM pyth\u202eon:3.11\nFROM python:3.11-slim\nRUN echo 🐍 \ud800\n${GOOD_TAIL}`;
      const found = lintContainerFile('Dockerfile', text);
      expect(found.map((d) => [d.ruleId, d.line])).toEqual([
        ['docker/unknown-instruction', 1],
        ['docker/bad-image', 2],
      ]);
      expect(found[1]!.message).toContain('FROM "pyth\\u202eon:3.11" is not an image reference');
      // A byte-order mark (saved by some Windows editors) is not part of the first instruction.
      expect(rules('Dockerfile', `\ufeffFROM python:3.11-slim\n${GOOD_TAIL}`)).toEqual([]);
    },
  );

  hostile(
    'containers',
    'a Dockerfile that is not UTF-8 in a stored project',
    { guards: 'clarity' },
    async () => {
      const port = new MemoryProjectStorage();
      await port.putProject({ id: 'p', name: 'p', createdAt: 0, updatedAt: 0 });
      await port.writeFiles('p', {
        put: [
          {
            projectId: 'p',
            path: 'Dockerfile',
            kind: 'file',
            bytes: new Uint8Array([0x46, 0xff, 0xfe]),
            mode: FILE_MODE,
            mtimeMs: 0,
          },
        ],
      });
      const report = await lintStoredProject(port, 'p');
      expect(report.files).toEqual([
        {
          path: 'Dockerfile',
          diagnostics: [
            expect.objectContaining({ message: expect.stringMatching(/not UTF-8 text/) }),
          ],
        },
      ]);
    },
  );
});

describe('compose.yaml', () => {
  hostile('containers', 'an alias bomb (billion laughs)', { guards: 'availability' }, () => {
    const levels = 'abcdefghi'.split('');
    let text = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
    for (let i = 1; i < levels.length; i++)
      text += `${levels[i]}: &${levels[i]} [${Array(9)
        .fill(`*${levels[i - 1]}`)
        .join(',')}]\n`;
    text += 'services:\n  api:\n    build: .\n    ports: *i\n';
    const started = performance.now();
    const found = lintContainerFile('compose.yaml', text);
    expect(performance.now() - started).toBeLessThan(500);
    expect(found).toEqual([
      expect.objectContaining({
        line: 1,
        severity: 'error',
        message: expect.stringMatching(
          /^Not read: .*at most 100 aliases\)\. Write the repeated parts out/,
        ),
      }),
    ]);
    // A Dockerfile beside the bomb falls back to the course port; nothing hangs.
    const docker = `FROM python:3.11-slim\n${GOOD_TAIL}`;
    expect(lintContainerFile('Dockerfile', docker, text)).toEqual([]);
  });

  hostile(
    'containers',
    'a 5 MB compose.yaml and a non-mapping one',
    { guards: 'availability' },
    () => {
      const big = `services:\n${'  x: {image: "a:1"}\n'.repeat(300_000)}`;
      expect(lintContainerFile('compose.yaml', big)[0]!.message).toMatch(
        /^Not checked: compose\.yaml has/,
      );
      expect(rules('compose.yaml', '- just\n- a list\n')).toEqual([['compose/services', 1, 1]]);
      expect(rules('compose.yaml', 'services:\n  api:\n    ports: "8000:8000"\n')).toEqual([
        ['compose/ports', 3, 12],
      ]);
    },
  );
});

describe('MLmodel pins', () => {
  hostile('containers', 'a version with pins from the future', { guards: 'clarity' }, async () => {
    const tracking = memoryTrackingPort();
    const port = memoryRegistryPort();
    const tracker = new Tracker(tracking);
    const registry = new ModelRegistry(port, tracking);
    await tracker.setExperiment('toy');
    const run = await tracker.startRun({ name: 'r' });
    const X = matrix(4, 1, Float64Array.from([1, 2, 3, 4]));
    await tracker.logArtifact(
      'model/model.json',
      fitModel('ridge', X, Float64Array.from([2, 4, 6, 8]), {
        features: ['a'],
        target: 'y',
        alpha: 0,
      }) as object,
    );
    await tracker.endRun();
    const version = await registry.registerModel(run.id, 'toy');
    await port.putVersion({
      ...version,
      pins: { tfjs: '99.0.0', preprocessing: 'mlops-labbook-pipeline@7' },
    });
    const refused = await registry.loadPredictor('models:/toy/1').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RegistryError);
    expect((refused as RegistryError).message).toMatch(
      /^models:\/toy\/1 was registered with TF\.js 99\.0\.0; this Labbook runs TF\.js [\d.]+ \(older: the version comes from a newer Labbook\)\. Re-register .* TF\.js 99\.0\.x\.$/,
    );
    // The refusal loses nothing: the version is still stored, as it was.
    expect((await registry.getVersion('toy', 1)).pins?.tfjs).toBe('99.0.0');
    // Hostile pin values are named, cut short, never thrown as a TypeError.
    for (const pins of [
      { tfjs: 'x'.repeat(10_000) },
      { tfjs: { $gt: '' } },
      'pins',
      [],
      { tfjs: RUNNING_PINS.tfjs, preprocessing: '\u202e1@enilepip' },
    ])
      expect(pinMismatch('v', pins)?.message.length).toBeLessThan(400);
  });
});
