import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * Small pure-JavaScript dependencies compiled into the library rather than loaded as packages of
 * their own: each ES module Node's loader reads costs the import, and the garbage it leaves lands
 * on a process's first run (CONTRIBUTING.md, "A process's first run"). oxc's packages stay
 * external: they load native bindings from their own location. Their licences ship in
 * dist/THIRD-PARTY-LICENSES.md.
 */
const BUNDLED = [
  'magic-string',
  '@jridgewell/trace-mapping',
  '@jridgewell/sourcemap-codec',
  '@jridgewell/resolve-uri',
  'cjs-module-lexer',
  'modern-tar',
  'yauzl',
  'pend',
];

/**
 * The archive readers (modern-tar, yauzl) are compiled into a file of their own, imported on a
 * process's first archive target (src/archive.ts): the library's import does not parse them.
 */
const ARCHIVE_FORMATS = /^\.\/archive-formats\.js$/;

/** The directory of package `name`, from a file inside it (its exports may not list package.json). */
function packageDirOf(file: string, name: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === name) {
      return dir;
    }
  }
  throw new Error(`tsup.config.ts: cannot find the package directory of ${name} from ${file}`);
}

function writeThirdPartyLicenses(): void {
  const require = createRequire(import.meta.url);
  const sections = BUNDLED.map((name) => {
    const dir = packageDirOf(require.resolve(name), name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string; license: string };
    const text = readFileSync(join(dir, 'LICENSE'), 'utf8').trim();
    return `## ${name} ${manifest.version} (${manifest.license})\n\n${text}\n`;
  });
  writeFileSync(
    'dist/THIRD-PARTY-LICENSES.md',
    `# Third-party licences\n\nThe library's build includes these packages:\n\n${sections.join('\n')}`,
  );
}

/**
 * The `run-as-main` command (dist/cli.js) imports the library's own build (`./index.js`), not a
 * copy of it: its sources reach the engine through `src/index.ts` alone, and may bundle only
 * modules that hold no engine state (the report's, the snapshot's value renderer). The build
 * fails on an import that would bring a second copy of the engine into it.
 */
const CLI_MAY_BUNDLE = /^src\/(?:cli\/|snapshot\/|result-location\.ts$)/;

const cliImportsTheLibrary: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'cli-imports-the-library',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const importer = relative(process.cwd(), args.importer);
      if (!CLI_MAY_BUNDLE.test(importer)) return undefined;
      const target = relative(process.cwd(), resolve(dirname(args.importer), args.path)).replace(/\.js$/, '.ts');
      if (target === 'src/index.ts') return { path: './index.js', external: true };
      if (CLI_MAY_BUNDLE.test(target)) return undefined;
      return { errors: [{ text: `${importer} imports ${args.path}: the CLI reaches the engine only through src/index.ts (the library's own build)` }] };
    });
  },
};

const common = {
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  splitting: false,
  shims: true,
} as const;

export default defineConfig([
  // The library, its vitest entry (`run-as-main/vitest`, which imports nothing of the engine) and
  // the vitest plugin (`run-as-main/vitest-plugin`, which compiles as the engine does, in vitest's
  // main process): ESM and CJS, with declarations for each. vitest, an optional peer, stays external.
  {
    ...common,
    entry: { index: 'src/index.ts', vitest: 'src/vitest.ts', 'vitest-plugin': 'src/vitest-plugin.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // dist/child/ is the child build's own to clean: the builds run at the same time.
    clean: ['!child/**'],
    noExternal: BUNDLED,
    external: [ARCHIVE_FORMATS],
    onSuccess: async () => writeThirdPartyLicenses(),
  },
  // Both builds of the library import it (a CommonJS module may import() an ES module).
  { ...common, entry: { 'archive-formats': 'src/archive-formats.ts' }, format: ['esm'], dts: false, clean: false, noExternal: BUNDLED },
  // runInNode's child (src/oracle/child/): its preloads and module hooks, run by a real node
  // from dist/child/, where src/oracle/child-loader.ts looks for them beside the library. Each
  // stays a module of its own; the loader's modules they share with the library (the TypeScript
  // path rules) are compiled into them. No source maps: the child's frames must name these files.
  {
    ...common,
    entry: ['src/oracle/child/*.mjs'],
    outDir: 'dist/child',
    format: ['esm'],
    outExtension: () => ({ js: '.mjs' }),
    external: [/^\.\/[\w-]+\.mjs$/],
    sourcemap: false,
    dts: false,
    clean: true,
  },
  // The command (package.json `bin`): an ES module program (top-level await) over dist/index.js.
  { ...common, entry: { cli: 'src/cli/main.ts' }, format: ['esm'], dts: false, clean: false, esbuildPlugins: [cliImportsTheLibrary] },
  // The plugin's setup file for test workers (it awaits vitest's istanbul instrumenter at the top
  // level): an ES module, which vitest imports from its path beside the plugin.
  { ...common, entry: { 'vitest-setup': 'src/vitest-setup.ts' }, format: ['esm'], dts: false, clean: false },
  // `npm start`'s demo: the command on the fixtures of fixtures/demo/, not part of the package.
  { ...common, entry: { demo: 'src/demo.ts' }, format: ['esm'], dts: false, clean: false, external: [ARCHIVE_FORMATS] },
]);
