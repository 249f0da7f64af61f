import { defineConfig } from 'tsup';

const common = {
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  splitting: false,
  shims: true,
} as const;

export default defineConfig([
  // The library: ESM and CJS, with declarations for each.
  { ...common, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'], dts: true, clean: true },
  // `npm start`'s demo: an ES module program (top-level await), not part of the API.
  { ...common, entry: { demo: 'src/demo.ts' }, format: ['esm'], dts: false, clean: false },
]);
