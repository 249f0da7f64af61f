export { RunAsMainUsageError, SystemExit } from './errors.js';
export type { RunOptions, StdinInput, TtySize } from './options.js';
export type { PendingResource, RunResult } from './result.js';
export { runAsMain, runSource } from './run-as-main.js';
export { runInNode } from './oracle/run-in-node.js';
export {
  extractGlobals,
  loadPlugin,
  loadPluginsFromDir,
  type PluginResult,
  patchedArgv,
  runModule,
  runPath,
  safeRunModule,
  safeRunPath,
} from './runpy.js';
