import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        // Worker threads are entries of their own, named after their source file, so that
        // src/main/core/import/worker-url.ts finds `<name>.js` beside the main bundle.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'db-worker': resolve(__dirname, 'src/main/core/db/db-worker.ts'),
          'prepare-worker': resolve(__dirname, 'src/main/core/import/prepare-worker.ts'),
          'inference-worker': resolve(__dirname, 'src/main/core/inference/inference-worker.ts'),
          'ai-worker': resolve(__dirname, 'src/main/core/ai/ai-worker.ts'),
        },
        // Shared chunks in the same folder as the entries: worker-url.ts resolves from its own chunk.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [svelte()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
