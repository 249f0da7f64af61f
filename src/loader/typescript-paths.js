// @ts-check
// Which files are TypeScript, and what their imports may mean: the rules the in-process loader
// and runInNode's child (src/oracle/child/) both follow. Plain JavaScript, so that the child, a
// real node, imports this very file (the build bundles it into the child's hooks).

/** The files the transform turns into JavaScript before they run: TypeScript, and JSX. */
export const TRANSFORMED_EXTENSIONS = ['.ts', '.cts', '.mts', '.tsx', '.jsx'];

/** A file with one of TRANSFORMED_EXTENSIONS. */
export const TRANSFORMED_FILE = /\.(?:[cm]?ts|tsx|jsx)$/;

/** A TypeScript file: what it imports gets tsx's TypeScript fallbacks (JSX files' imports do not). */
export const TYPESCRIPT_FILE = /\.(?:[cm]?ts|tsx)$/;

/**
 * tsx's reading of a JavaScript extension written in a TypeScript file: `./x.js` may mean
 * `./x.ts` or `./x.tsx`, `./x.mjs` `./x.mts`, `./x.cjs` `./x.cts`.
 * @type {Readonly<Record<string, readonly string[]>>}
 */
export const JS_TO_TS = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};
