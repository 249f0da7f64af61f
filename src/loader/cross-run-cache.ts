import { dirname } from 'node:path';
import { formatByExtension } from './package-scope.js';
import { findPackageScope, moduleFormat, type ModuleFormat, type ResolveContext, type Resolved } from './resolve.js';
import { TYPESCRIPT_FILE } from './typescript-paths.js';

/**
 * What one run learned about the disk that the next run can reuse without asking again, each
 * answer checked against the run's own view before it is trusted:
 * - a resolution is reused while the file it found still exists (a deleted file, or a specifier
 *   that resolved to a builtin, resolves afresh);
 * - a module format is reused while the package.json that decided it reads the same.
 * A fresh node process would ask again; these checks keep the answers the same for the edits
 * tests make between runs (rewriting a script or a package.json, deleting a file), at a fraction
 * of the system calls. A file newly created so that it would shadow an earlier answer (`./x.js`
 * added next to a resolved `./x/index.js`, a package.json added nearer than the one that
 * decided a format) is the change not seen.
 */
const resolutions = new Map<string, Resolved>();
const formats = new Map<string, { format: ModuleFormat; packageJson: string | undefined; text: string | undefined }>();

export function cachedResolve(
  specifier: string,
  parentPath: string,
  mode: 'require' | 'import',
  ctx: ResolveContext,
  resolve: () => Resolved,
): Resolved {
  // The directory and whether the parent is TypeScript are all of the parent a resolution reads.
  const key = `${mode}\0${TYPESCRIPT_FILE.test(parentPath) ? 't' : 'j'}\0${dirname(parentPath)}\0${specifier}`;
  const known = resolutions.get(key);
  if (known && (known.kind === 'builtin' || ctx.fs.kind(known.path) === 'file')) return known;
  const resolved = resolve();
  resolutions.set(key, resolved);
  return resolved;
}

export function cachedModuleFormat(path: string, ctx: ResolveContext): ModuleFormat {
  // `.cjs`, `.mjs`, `.json`…: no package.json to read, now or on later runs.
  const byExtension = formatByExtension(path);
  if (byExtension !== undefined) return byExtension;
  const known = formats.get(path);
  if (known && (known.packageJson === undefined || ctx.fs.readFile(known.packageJson) === known.text)) {
    return known.format;
  }
  const format = moduleFormat(path, ctx);
  const scope = findPackageScope(path, ctx);
  const packageJson = scope ? `${scope.dir === '/' ? '' : scope.dir}/package.json` : undefined;
  formats.set(path, { format, packageJson, text: packageJson && ctx.fs.readFile(packageJson) });
  return format;
}
