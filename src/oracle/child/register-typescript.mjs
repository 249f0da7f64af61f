// @ts-check
// The preload of a child running a TypeScript (or JSX) entry, started by the run's `--import`
// (src/oracle/child-loader.ts): registers the module hooks, teaches CommonJS require() the same
// transform and TypeScript fallbacks, and for a run with files the fallback of the mirrored tree
// to the disk.
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TRANSFORMED_EXTENSIONS, TRANSFORMED_FILE } from '../../loader/typescript-paths.js';
import { installDiskFallback } from './disk-fallback.mjs';
import { initialize, load, RUNTIME_HELPERS, resolve, typeScriptAlternatives } from './hooks.mjs';
import { formatOf } from './module-format.mjs';
import { CommonJs } from './node-module.mjs';
import { transformFile } from './transform.mjs';

/** @param {import('./hooks.mjs').ChildConfig} config */
export function start(config) {
  initialize(config);
  process.setSourceMapsEnabled(true);
  if (typeof CommonJs.registerHooks === 'function') CommonJs.registerHooks({ resolve, load });
  else register('./hooks.mjs', import.meta.url, { data: config });

  // Node 20 does not send require() through module.register hooks: the classic require.extensions
  // way. An undefined format lets Node detect ES module syntax, as it does for .js.
  for (const extension of TRANSFORMED_EXTENSIONS) {
    CommonJs._extensions[extension] = function loadTypeScript(module, filename) {
      module._compile(transformFile(filename, config.options), filename, formatOf(filename));
    };
  }
  installTypeScriptResolution();
  if (config.mirror !== null) installDiskFallback(config.mirror);
}

/** require() from a TypeScript file with tsx's fallbacks, and the transform's helpers from this package. */
function installTypeScriptResolution() {
  const resolveFilename = CommonJs._resolveFilename;
  // The transform's decorator helpers resolve from this package, their dependent.
  const packageFile = fileURLToPath(import.meta.url);
  const packageModule = new CommonJs(packageFile);
  packageModule.filename = packageFile;
  packageModule.paths = CommonJs._nodeModulePaths(path.dirname(packageFile));
  CommonJs._resolveFilename = function resolveTypeScript(request, parent, isMain, options) {
    if (request.startsWith(RUNTIME_HELPERS)) return resolveFilename.call(this, request, packageModule, false, options);
    if (!TRANSFORMED_FILE.test(parent?.filename ?? '') || !/^\.{1,2}\//.test(request)) {
      return resolveFilename.call(this, request, parent, isMain, options);
    }
    try {
      return resolveFilename.call(this, request, parent, isMain, options);
    } catch (error) {
      if (/** @type {{ code?: unknown } | undefined} */ (error)?.code === 'MODULE_NOT_FOUND') {
        for (const candidate of typeScriptAlternatives(request, false)) {
          try {
            return resolveFilename.call(this, candidate, parent, isMain, options);
          } catch {}
        }
      }
    }
    // None found: node's own error, thrown where node throws it (the place its report shows).
    return resolveFilename.call(this, request, parent, isMain, options);
  };
}
