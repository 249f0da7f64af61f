import { readFileSync } from 'node:fs';
import { compiledBodyOf } from '../loader/compile.js';
import { COVERAGE_QUERY } from '../loader/coverage-hooks.js';
import { bodyAsModule, bodyMap, contentDigest, variantOf } from '../loader/tool-compile.js';
import type { SourceMapV3 } from '../traceback/source-maps.js';

/**
 * The virtual id of a compiled file: vite's own transforms (TypeScript among them) must not touch
 * it, and they look at the id without its query; this one ends in no known extension.
 */
const VIRTUAL_PREFIX = '\0run-as-main-compiled:';

/** The id vitest's v8 provider asks for (a run's file URL, less `file://`), as a virtual id; else undefined. */
export function resolveCompiledId(id: string): string | undefined {
  const query = id.indexOf('?');
  if (query === -1 || !id.includes(`${COVERAGE_QUERY}=`, query)) return undefined;
  if (!variantOf(id.slice(0, query), id.slice(query + 1))) return undefined;
  return `${VIRTUAL_PREFIX}${encodeURIComponent(id)}`;
}

/**
 * Exactly the code V8 ran for a compiled file, as a module's text of the same offsets, and the map
 * from it to the file's source: compiled again from the file, which is what the run compiled when
 * its content digest is the same. A file whose content changed since, or that lived in a run's
 * in-memory volume, gives an empty module: nothing of it is counted.
 */
export function loadCompiled(id: string): { code: string; map: SourceMapV3 | null } | undefined {
  if (!id.startsWith(VIRTUAL_PREFIX)) return undefined;
  const original = decodeURIComponent(id.slice(VIRTUAL_PREFIX.length));
  const query = original.indexOf('?');
  const path = original.slice(0, query);
  const parsed = variantOf(path, original.slice(query + 1));
  let source: string | undefined;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    source = undefined;
  }
  if (!parsed || source === undefined || contentDigest(source) !== parsed.digest) return { code: '', map: null };
  const compiled = compiledBodyOf({ ...parsed.variant, source });
  return { code: bodyAsModule(compiled.body), map: bodyMap(compiled, path) };
}
