// Mounts the Git panel alone (the Project page that hosts it is built elsewhere), over the real
// store and the real project worker, with helpers the test calls to edit files as the editor would.
import { mount } from 'svelte';
import '../../../src/app.css';
import GitPanel from '../../../src/components/project/GitPanel.svelte';
import { dexieProjectPort, openStore } from '../../../src/lib/store';

const port = dexieProjectPort(await openStore());
const opened: string[] = [];
await port.putProject({ id: 'demo', name: 'demo', createdAt: 1, updatedAt: 1 });

async function put(path: string, text: string) {
  const parents = path
    .split('/')
    .slice(0, -1)
    .map((_, i, a) => a.slice(0, i + 1).join('/'));
  await port.writeFiles('demo', {
    put: [
      ...parents.map((p) => ({
        projectId: 'demo',
        path: p,
        kind: 'dir' as const,
        mode: 0o40000,
        mtimeMs: Date.now(),
      })),
      {
        projectId: 'demo',
        path,
        kind: 'file',
        bytes: new TextEncoder().encode(text),
        mode: 0o100644,
        mtimeMs: Date.now(),
      },
    ],
  });
}
async function read(path: string) {
  const row = await port.getFile('demo', path);
  return row?.bytes ? new TextDecoder().decode(row.bytes) : undefined;
}

Object.assign(globalThis, { harness: { put, read, opened } });
mount(GitPanel, {
  target: document.getElementById('app')!,
  props: {
    projectId: 'demo',
    openFile: (path: string, line?: number) => opened.push(`${path}:${line ?? ''}`),
  },
});
document.body.dataset['ready'] = 'yes';
