// Node's resolution errors, with the exact text, class and `code` of the host's Node (20.19+, 22,
// 24; checked against real `node`), so a script that prints one prints what it would under `node`.

import { type NodeErrorLike, nodeError, plainError, thrownByNodeAt } from '../node-errors.js';
import type { ThrowSiteSpec } from '../node-internals.js';

/** Where Node throws the errors below from its own code (the uncaught report's header names it). */
const THROWN_AT = {
  packageNotFound: {
    places: [
      // Node 22+: packages are looked up by package_json_reader.
      {
        module: 'internal/modules/package_json_reader',
        within: /^function getPackageJSONURL\(/,
        throws: /throw new ERR_MODULE_NOT_FOUND\(packageName, /,
        functionName: 'getPackageJSONURL',
      },
      { module: 'internal/modules/esm/resolve', within: /^function packageResolve\(/, throws: /throw new ERR_MODULE_NOT_FOUND\(packageName, /, functionName: 'packageResolve' },
    ],
  },
  moduleNotFound: {
    places: [{ module: 'internal/modules/esm/resolve', within: /^function finalizeResolution\(/, throws: /throw new ERR_MODULE_NOT_FOUND\(/, functionName: 'finalizeResolution' }],
  },
  directoryImport: {
    places: [{ module: 'internal/modules/esm/resolve', within: /^function finalizeResolution\(/, throws: /throw new ERR_UNSUPPORTED_DIR_IMPORT\(/, functionName: 'finalizeResolution' }],
  },
  cjsNotFound: {
    places: [{ module: 'internal/modules/cjs/loader', within: /^Module\._resolveFilename = function/, throws: /^\s*throw err;\s*$/, functionName: 'Module._resolveFilename' }],
  },
} satisfies Record<string, ThrowSiteSpec>;

// ── ESM resolver errors (lib/internal/errors.js) ────────────────────────────────────────────

export function moduleNotFound(path: string, base: string, exactUrl?: string): NodeErrorLike {
  const kind = exactUrl ? 'module' : 'package';
  const props = exactUrl ? { url: exactUrl } : undefined;
  const error = nodeError('ERR_MODULE_NOT_FOUND', `Cannot find ${kind} '${path}' imported from ${base}`, Error, props);
  return thrownByNodeAt(error, exactUrl ? THROWN_AT.moduleNotFound : THROWN_AT.packageNotFound);
}

/** legacyMainResolve is C++ in Node 20.19+: a plain `Error` with the code, not a `NodeError`. */
export function legacyMainNotFound(initialFile: string, base: string): NodeErrorLike {
  return plainError(`Cannot find package '${initialFile}' imported from ${base}`, { code: 'ERR_MODULE_NOT_FOUND' });
}

export function unsupportedDirImport(path: string, base: string, exactUrl: string): NodeErrorLike {
  const error = nodeError(
    'ERR_UNSUPPORTED_DIR_IMPORT',
    `Directory import '${path}' is not supported resolving ES modules imported from ${base}`,
    Error,
    { url: exactUrl },
  );
  return thrownByNodeAt(error, THROWN_AT.directoryImport);
}

export function invalidModuleSpecifier(request: string, reason: string, base?: string | null): NodeErrorLike {
  const from = base ? ` imported from ${base}` : '';
  return nodeError('ERR_INVALID_MODULE_SPECIFIER', `Invalid module "${request}" ${reason}${from}`, TypeError);
}

export function invalidPackageConfig(path: string, base?: string | null, message?: string): NodeErrorLike {
  const from = base ? ` while importing ${base}` : '';
  return nodeError('ERR_INVALID_PACKAGE_CONFIG', `Invalid package config ${path}${from}${message ? `. ${message}` : ''}`);
}

/**
 * Node 22+'s package.json reader is C++ (nodejs/node#50322): it throws a plain `Error` with the code,
 * without the parser's reason, and names what was imported only on the ESM node_modules walk.
 */
export function nativeInvalidPackageConfig(jsonPath: string, whileImporting?: string): NodeErrorLike {
  const context = whileImporting === undefined ? '' : ` while importing ${whileImporting}`;
  return plainError(`Invalid package config ${jsonPath}${context}.`, { code: 'ERR_INVALID_PACKAGE_CONFIG' });
}

export function invalidPackageTarget(
  pkgPath: string,
  key: string,
  target: unknown,
  isImport: boolean,
  base?: string | null,
): NodeErrorLike {
  const text = typeof target === 'object' && target !== null ? JSON.stringify(target, null, '') : `${target}`;
  const related = !isImport && text.length > 0 && !text.startsWith('./');
  const from = base ? ` imported from ${base}` : '';
  const hint = related ? '; targets must start with "./"' : '';
  const message =
    key === '.'
      ? `Invalid "exports" main target ${JSON.stringify(text)} defined in the package config ${pkgPath}package.json${from}${hint}`
      : `Invalid "${isImport ? 'imports' : 'exports'}" target ${JSON.stringify(text)} defined for '${key}' in the package config ${pkgPath}package.json${from}${hint}`;
  return nodeError('ERR_INVALID_PACKAGE_TARGET', message);
}

export function packagePathNotExported(pkgPath: string, subpath: string, base?: string | null): NodeErrorLike {
  const from = base ? ` imported from ${base}` : '';
  const message =
    subpath === '.'
      ? `No "exports" main defined in ${pkgPath}package.json${from}`
      : `Package subpath '${subpath}' is not defined by "exports" in ${pkgPath}package.json${from}`;
  return nodeError('ERR_PACKAGE_PATH_NOT_EXPORTED', message);
}

export function packageImportNotDefined(specifier: string, pkgPath: string | undefined, base: string): NodeErrorLike {
  const where = pkgPath ? ` in package ${pkgPath}package.json` : '';
  return nodeError(
    'ERR_PACKAGE_IMPORT_NOT_DEFINED',
    `Package import specifier "${specifier}" is not defined${where} imported from ${base}`,
    TypeError,
  );
}

export function unknownBuiltinModule(id: string): NodeErrorLike {
  return nodeError('ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${id}`);
}

export function unsupportedEsmUrlScheme(protocol: string): NodeErrorLike {
  return nodeError(
    'ERR_UNSUPPORTED_ESM_URL_SCHEME',
    `Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol '${protocol}'`,
  );
}

/** Not a Node error: Node loads `data:` URLs, this resolver only yields files and builtins. */
export function unsupportedDataUrl(specifier: string, base: string): NodeErrorLike {
  const shown = specifier.length > 60 ? `${specifier.slice(0, 57)}...` : specifier;
  return nodeError(
    'ERR_UNSUPPORTED_RESOLVE_REQUEST',
    `Cannot import '${shown}' from ${base}: data: URLs are not supported by run-as-main's module loader`,
  );
}

// ── CommonJS loader errors (lib/internal/modules/cjs/loader.js) ─────────────────────────────

export function cjsModuleNotFound(request: string, requireStack: string[]): NodeErrorLike {
  let message = `Cannot find module '${request}'`;
  if (requireStack.length > 0) message += `\nRequire stack:\n- ${requireStack.join('\n- ')}`;
  return thrownByNodeAt(plainError(message, { code: 'MODULE_NOT_FOUND', requireStack }), THROWN_AT.cjsNotFound);
}

/** createEsmNotFoundErr: "exports"/"imports" resolution failures seen from `require`. */
export function cjsEsmNotFound(request: string, path?: string): NodeErrorLike {
  const props: Record<string, unknown> = { code: 'MODULE_NOT_FOUND' };
  if (path) props.path = path;
  return plainError(`Cannot find module '${request}'`, props);
}

export function cjsInvalidMain(filename: string, jsonPath: string, requestPath: string): NodeErrorLike {
  return plainError(
    `Cannot find module '${filename}'. Please verify that the package.json has a valid "main" entry`,
    { code: 'MODULE_NOT_FOUND', path: jsonPath, requestPath },
  );
}

export function cjsPackageJsonSyntax(jsonPath: string, reason: string): SyntaxError {
  return plainError(`Error parsing ${jsonPath}: ${reason}`, { path: jsonPath }, SyntaxError);
}
