import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', demo: 'src/demo.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: false,
  shims: true,
});
