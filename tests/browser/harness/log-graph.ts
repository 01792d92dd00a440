// Draws the log of 1,000 commits (a feature branch merged every 10) and records how long it
// took, for tests/browser/git-panel.test.ts.
import { flushSync, mount } from 'svelte';
import LogGraph from '../../../src/components/project/LogGraph.svelte';
import { layoutGraph } from '../../../src/lib/project/git/log-graph';
import type { LogEntry } from '../../../src/lib/project/git/log';

const entries: LogEntry[] = [];
let tip: string | undefined;
const commit = (oid: string, parents: string[]) =>
  entries.push({
    oid,
    parents,
    subject: `feat: change ${entries.length}`,
    message: `feat: change ${entries.length}`,
    author: { name: 'Ada Lovelace', email: 'ada@example.org' },
    timestamp: 1_700_000_000 + entries.length * 60,
    refs: [],
  });
for (let i = 0; entries.length < 1000; i++) {
  if (i % 10 === 9 && tip) {
    commit(`b1${i}`, [tip]);
    commit(`b2${i}`, [`b1${i}`]);
    commit(`m${i}`, [tip, `b2${i}`]);
    tip = `m${i}`;
  } else {
    commit(`c${i}`, tip ? [tip] : []);
    tip = `c${i}`;
  }
}
entries.reverse();

// Timed: the layout, Svelte's render and the browser's style and layout of the result (forced
// by reading a size), which is the page-thread work; the wait for the next frame is not.
const start = performance.now();
const graph = layoutGraph(entries);
const app = document.getElementById('app')!;
mount(LogGraph, { target: app, props: { entries, graph } });
flushSync();
void app.getBoundingClientRect().height;
document.body.dataset['drawMs'] = String(performance.now() - start);
document.body.dataset['rows'] = String(graph.rows.length);
