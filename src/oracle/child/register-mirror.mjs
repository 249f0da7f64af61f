// @ts-check
// The preload of a child running a JavaScript entry from the mirrored tree of a run with files,
// started by the run's `--require` (src/oracle/child-loader.ts): what a module of the tree imports
// that the tree lacks (sibling modules, node_modules) resolves from the module's place on disk,
// for require() here and for import through hooks.mjs. A `--require` preload, unlike `--import`,
// leaves a CommonJS entry run as plain `node` runs it (its process.nextTick callbacks before its
// promise jobs); node >= 20.19 requires an ES module synchronously.
import { register } from 'node:module';
import { installDiskFallback } from './disk-fallback.mjs';
import { initialize, resolve } from './hooks.mjs';
import { CommonJs } from './node-module.mjs';

/** @param {import('./hooks.mjs').ChildConfig} config */
export function start(config) {
  if (config.mirror !== null) installDiskFallback(config.mirror);
  // ES module hooks, for an entry that is not CommonJS: in-thread where Node has them (22.15+: no
  // require(esm) warning there), else off-thread. A CommonJS entry goes without: their frames would
  // push its own out of the ten of a failed require()'s stack (a CommonJS entry's dynamic import()
  // of a module the tree lacks goes without the fallback).
  if (config.esmHooks) {
    if (typeof CommonJs.registerHooks === 'function') {
      initialize(config);
      CommonJs.registerHooks({ resolve });
    } else {
      register('./hooks.mjs', import.meta.url, { data: config });
    }
  }
}
