import { isBuiltin } from 'node:module';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveCommonJs } from './cjs-resolve.js';
import { resolveEsm } from './esm-resolve.js';
import type { PackageResolveEnv } from './package-resolve.js';
import { finishError } from '../node-errors.js';
import { unknownBuiltinModule } from './resolve-errors.js';
import { dirOf, type ResolveContext } from './resolve-fs.js';
import { TYPESCRIPT_FILE } from './typescript-paths.js';

export {
  findPackageScope,
  type ModuleFormat,
  moduleFormat,
  type PackageScope,
} from './package-scope.js';
export { type ResolveContext, type ResolveFs, realFs } from './resolve-fs.js';

export type Resolved = { kind: 'builtin'; id: string } | { kind: 'file'; path: string };

export type ResolveMode = 'require' | 'import';

// Node 20.19+ and 22.12+ add 'module-sync' exactly when require(esm) is on, which this flag reports.
const moduleSync = (process.features as { require_module?: boolean }).require_module === true ? ['module-sync'] : [];
const addons = process.execArgv.includes('--no-addons') ? [] : ['node-addons'];

/** Node's default conditions per mode; 'default' always matches and is not listed, as in Node. */
export const DEFAULT_CONDITIONS: Readonly<Record<ResolveMode, readonly string[]>> = {
  require: ['require', 'node', ...moduleSync, ...addons],
  import: ['node', 'import', ...moduleSync, ...addons],
};
const defaultConditionSets: Record<ResolveMode, ReadonlySet<string>> = {
  require: new Set(DEFAULT_CONDITIONS.require),
  import: new Set(DEFAULT_CONDITIONS.import),
};

function envFor(mode: ResolveMode, ctx: ResolveContext): PackageResolveEnv {
  if (!ctx.conditions?.length) return { ctx, conditions: defaultConditionSets[mode] };
  return { ctx, conditions: new Set([...DEFAULT_CONDITIONS[mode], ...ctx.conditions]) };
}

/**
 * Resolves `specifier` as `require` ('require') or `import` ('import') would from the module at
 * `parentPath`, as the Node it runs on does (20.19+, 22, 24): builtins, relative and absolute
 * paths, node_modules, "exports"/"imports" with conditions and patterns, self-reference, symlinks
 * resolved to real paths. For TypeScript parents it also finds `x.ts` for `./x.js`, and
 * `./x`/`./dir` in import mode, and `require` tries .ts/.tsx/.cts/.mts last for every parent, as
 * tsx does.
 * Failures throw Node's own errors (same class, `code` and message).
 *
 * It does not read NODE_PATH or the global folders (~/.node_modules), resolve `data:` URLs, or
 * keep a specifier's `?query`/`#hash`. `parentPath` may end with '/' to resolve from a directory.
 *
 * @example
 * resolveModule('./util.js', '/repo/src/cli.ts', 'import', { fs: realFs, cache: new Map() })
 * // → { kind: 'file', path: '/repo/src/util.ts' } when only util.ts exists
 */
export function resolveModule(specifier: string, parentPath: string, mode: ResolveMode, ctx: ResolveContext): Resolved {
  if (typeof parentPath === 'string' && parentPath.startsWith('file:')) parentPath = fileURLToPath(parentPath);
  if (typeof specifier !== 'string' || typeof parentPath !== 'string' || !isAbsolute(parentPath)) {
    throw new TypeError(
      `resolveModule() expects a string specifier and an absolute parentPath (or file: URL); received ${JSON.stringify(specifier)} from ${JSON.stringify(parentPath)}.`,
    );
  }
  if (specifier.startsWith('node:')) {
    if (isBuiltin(specifier)) return { kind: 'builtin', id: specifier };
    // What require('node:x') and loading import 'node:x' throw (require.resolve says MODULE_NOT_FOUND).
    const error = unknownBuiltinModule(specifier);
    finishError(error, resolveModule);
    throw error;
  }
  if (isBuiltin(specifier)) return { kind: 'builtin', id: `node:${specifier}` };

  const typescript = TYPESCRIPT_FILE.test(parentPath);
  // Like Node's relativeResolveCache/_pathCache: a successful answer only depends on these.
  const key = `\0resolve:${mode}:${typescript ? 'ts' : 'js'}:${dirOf(parentPath)}\0${specifier}`;
  const cached = ctx.cache?.get(key) as Resolved | undefined;
  if (cached !== undefined) return cached;

  let resolved: Resolved;
  try {
    if (mode === 'require') {
      const path = resolveCommonJs(specifier, parentPath, envFor('require', ctx), { typescript: true });
      resolved = { kind: 'file', path };
    } else {
      resolved = resolveEsm(specifier, parentPath, envFor('import', ctx), {
        typescript,
        commonJsEnv: envFor('require', ctx),
        cwd: ctx.cwd ?? process.cwd(),
      });
    }
  } catch (error) {
    finishError(error, resolveModule);
    throw error;
  }
  Object.freeze(resolved);
  ctx.cache?.set(key, resolved);
  return resolved;
}
