import { mount } from 'svelte';
import { z } from 'zod';
import App from './App.svelte';

// The page's Content-Security-Policy allows no eval (src/lib/pwa/csp.ts); zod would still probe
// for it with `new Function`, which the browser reports as a violation. Workers may eval. (zod's
// core is small; the pages that parse with it load the rest on demand.)
z.config({ jitless: true });

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element to mount the Labbook into.');
mount(App, { target });
