import { mount } from 'svelte';
import { z } from 'zod';
import App from './App.svelte';
import './app.css';
import { prewarmKernel } from './bridges/kernel-prewarm';
import { parseRoute } from './lib/routes/routes';

// The page's Content-Security-Policy allows no eval (src/lib/pwa/csp.ts); zod would still probe
// for it with `new Function`, which the browser reports as a violation. Workers may eval.
z.config({ jitless: true });

// Opened on a lesson: its kernel worker starts now, while the app and the lesson load.
if (parseRoute(location.hash).name === 'lesson') prewarmKernel();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element to mount the Labbook into.');
mount(App, { target });
