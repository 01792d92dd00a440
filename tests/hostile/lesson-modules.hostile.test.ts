import { beforeEach, describe, expect } from 'vitest';
import { createKernelRuntime, type KernelRuntime } from '../../src/lib/kernel/runtime';
import { useNodeServices } from '../../scripts/lesson-runner/node-services';
import { hostile } from './hostile';

// p.importFresh(path) and p.docs(path): what a cell (and lesson 16's checks) can hand them.
let kernel: KernelRuntime;

async function cell(source: string) {
  const { status, outputs } = await kernel.run('c', source, () => {});
  const last = outputs.at(-1) as { text?: string; message?: string } | undefined;
  return { status, text: last?.text ?? '', message: last?.message ?? '' };
}

/** After any case the kernel still runs cells and imports modules. */
async function stillWorks() {
  expect(await cell("(await p.importFresh('src/ok.js')).one()")).toMatchObject({
    status: 'ok',
    text: '1',
  });
}

beforeEach(async () => {
  useNodeServices();
  kernel = createKernelRuntime();
  await kernel.reset();
  await cell(
    "const p = await lab.project.create('hostile', { 'src/ok.js': '/** One. @returns {number} 1 */\\nexport const one = () => 1;' });",
  );
});

describe('p.importFresh', () => {
  for (const [name, path, said] of [
    ['a path out of the project', "'../../etc/passwd'", /outside|\.\./],
    ["Git's own folder", "'.git/config'", /\.git/],
    ['an absolute path', "'/src/ok.js'", /absolute|\//],
    ['a number instead of a path', '42', /file path such as/],
    ['a file that does not exist', "'src/nope.js'", /src\/nope\.js.*no such file/],
  ] as const)
    hostile('lesson-modules', `importFresh(${name})`, { guards: 'security' }, async () => {
      const result = await cell(`await p.importFresh(${path})`);
      expect(result.status).toBe('error');
      expect(result.message).toMatch(said);
      await stillWorks();
    });

  hostile(
    'lesson-modules',
    'importFresh of a module over 2 MB',
    { guards: 'availability' },
    async () => {
      await cell("await p.write('src/big.js', 'export const x = 1;' + ' '.repeat(2_100_000));");
      const result = await cell("await p.importFresh('src/big.js')");
      expect(result).toMatchObject({ status: 'error' });
      expect(result.message).toMatch(/src\/big\.js.*at most/);
      await stillWorks();
    },
  );

  hostile('lesson-modules', 'importFresh of an import cycle', { guards: 'clarity' }, async () => {
    await cell(
      "await p.write('src/a.js', \"import { b } from './b.js';\\nexport const a = 1;\"); await p.write('src/b.js', \"import { a } from './a.js';\\nexport const b = 2;\");",
    );
    const result = await cell("await p.importFresh('src/a.js')");
    expect(result.message).toMatch(/Import cycle: src\/a\.js → src\/b\.js → src\/a\.js/);
    await stillWorks();
  });

  hostile(
    'lesson-modules',
    'a module that throws null at top level',
    { guards: 'clarity' },
    async () => {
      await cell("await p.write('src/throws.js', 'throw null;');");
      expect((await cell("await p.importFresh('src/throws.js')")).status).toBe('error');
      await stillWorks();
    },
  );

  hostile(
    'lesson-modules',
    "a module that searches globalThis for the cells' scope or the checks' reference",
    { guards: 'security' },
    async () => {
      await cell('const secretReference = () => 42;');
      await cell(
        "await p.write('src/peek.js', 'export const found = () => [typeof globalThis.secretReference, typeof globalThis.lab, typeof globalThis.p].join();');",
      );
      expect((await cell("(await p.importFresh('src/peek.js')).found()")).text).toBe(
        'undefined,undefined,undefined',
      );
    },
  );
});

describe('p.docs', () => {
  hostile(
    'lesson-modules',
    'docs of a file with a syntax error',
    { guards: 'clarity' },
    async () => {
      await cell("await p.write('src/bad.js', 'export function f(a {\\n}');");
      const result = await cell("await p.docs('src/bad.js')");
      expect(result.status).toBe('error');
      expect(result.message).toMatch(/src\/bad\.js:1:\d+: SyntaxError/);
      await stillWorks();
    },
  );

  hostile('lesson-modules', 'docs of a Markdown file', { guards: 'clarity' }, async () => {
    await cell("await p.write('README.md', '# Title\\n\\nSome *text*.');");
    const result = await cell("await p.docs('README.md')");
    expect(result.message).toMatch(/README\.md:\d+:\d+: SyntaxError/);
  });

  hostile(
    'lesson-modules',
    'docs of 20,000 nested parentheses',
    { guards: 'availability' },
    async () => {
      await cell(
        "await p.write('src/deep.js', 'export const x = ' + '('.repeat(20_000) + '1' + ')'.repeat(20_000) + ';');",
      );
      const result = await cell("(await p.docs('src/deep.js')).length");
      // Either read, or refused with a located error; never a dead kernel.
      if (result.status === 'error') expect(result.message).toMatch(/src\/deep\.js/);
      else expect(result.text).toBe('0');
      await stillWorks();
    },
  );

  hostile(
    'lesson-modules',
    'a JSDoc whose @param type never closes its braces',
    { guards: 'availability' },
    async () => {
      await cell(
        "await p.write('src/braces.js', '/**\\n * Hi.\\n * @param {{{{{ a\\n */\\nexport function f(a) {}');",
      );
      const result = await cell("JSON.stringify((await p.docs('src/braces.js'))[0].documented)");
      expect(result).toMatchObject({ status: 'ok', text: '[]' });
    },
  );

  hostile('lesson-modules', 'docs of a 3 MB comment', { guards: 'availability' }, async () => {
    await cell(
      "await p.write('src/long.js', '/** ' + '@param x '.repeat(300_000) + '*/\\nexport function f(x) {}');",
    );
    const started = performance.now();
    const result = await cell("(await p.docs('src/long.js'))[0].documented.length");
    expect(result).toMatchObject({ status: 'ok', text: '300000' });
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
