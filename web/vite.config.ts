/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath, URL } from 'node:url';

// `npm run dev` serves the UI on :5173 and forwards the API (HTTP and WebSocket) to a running server,
// by default the one `make run` starts. CC_API_URL points elsewhere.
const api = process.env.CC_API_URL ?? 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: true, ws: true },
      '/docs': { target: api, changeOrigin: true },
      '/openapi.json': { target: api, changeOrigin: true },
      '/health': { target: api, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The binary serves everything under /assets/ as immutable; Vite puts a content hash in each name.
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    // Not UTC, so that a date-time shown or read in the browser's zone instead of UTC shows up as a failure.
    env: { TZ: 'Europe/Berlin' },
    css: false,
    restoreMocks: true,
  },
});
