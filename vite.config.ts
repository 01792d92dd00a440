import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { lessonsPlugin } from './scripts/vite/lessons-plugin';
import { datasetsPlugin } from './scripts/vite/datasets-plugin';
import { tfjsWasmThreadsPlugin } from './scripts/vite/tfjs-wasm-threads-plugin';
import { appVersionDefine } from './scripts/vite/app-version';
import { ISOLATION_HEADERS } from './src/lib/pwa/isolation';
import { META_POLICY } from './src/lib/pwa/csp';

// The built index.html carries the page's Content-Security-Policy itself, so it applies on the
// first visit and on a host without service workers too (src/lib/pwa/csp.ts). Not in dev: Vite's
// dev client injects inline styles and scripts the policy would refuse.
const cspMeta: Plugin = {
  name: 'labbook-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: META_POLICY },
      injectTo: 'head-prepend',
    },
  ],
};

// `base: './'` keeps every URL relative, so the built site works under any path on any static host.
export default defineConfig({
  base: './',
  // Workers are built with the same `define`, so a snapshot taken in one names the version too.
  define: appVersionDefine(),
  plugins: [
    lessonsPlugin({ dir: 'lessons' }),
    datasetsPlugin({ dir: 'datasets' }),
    svelte(),
    cspMeta,
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'MLOps Labbook',
        short_name: 'Labbook',
        description: 'A browser-only teaching notebook for MLOps',
        theme_color: '#1f2937',
        background_color: '#ffffff',
        display: 'standalone',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      injectManifest: {
        // Lessons' own images and files (scripts/vite/lessons-plugin.ts), whatever their type.
        globPatterns: ['**/*.{js,css,html,svg,png,json,wasm,gz,csv,md}', 'assets/lessons/**/*'],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  // The built site gets these from its service worker; the dev server has none, so it sends them.
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  worker: { format: 'es', plugins: () => [tfjsWasmThreadsPlugin()] },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 4096 },
});
