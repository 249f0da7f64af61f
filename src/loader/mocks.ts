import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resolved } from './resolve.js';

/** Resolution as the run's modules see it (the registry's, over the run's files). */
export interface MockResolver {
  resolve(specifier: string, parentPath: string, mode: 'require' | 'import'): Resolved;
}

/** One key of `options.mocks`: what it stands for, made on first use, once per run. */
export class MockEntry {
  private made = false;
  private value: unknown;
  /** Whether a module of the run imported it. */
  used = false;
  /** The ES module record of the mock, so that every importer sees one namespace (esm-graph.ts). */
  record: unknown;

  constructor(
    /** The key as the caller wrote it. */
    readonly key: string,
    private readonly given: unknown,
  ) {}

  /** The module the importer gets: the given object, or what the factory (an arrow function) returns. */
  use(): unknown {
    if (!this.made) {
      const given = this.given;
      // An arrow function has no prototype: a factory. A `function` or class is the module's export itself.
      this.value = typeof given === 'function' && !('prototype' in given && given.prototype) ? given() : given;
      this.made = true;
    }
    this.used = true;
    return this.value;
  }
}

/** A specifier that names a file by its path, as Node reads one: `./x`, `../x`, `.`, `..`, `/x`, `file:`. */
function isPathSpecifier(specifier: string): boolean {
  return (
    specifier.startsWith('./') ||
    specifier.startsWith('../') ||
    specifier === '.' ||
    specifier === '..' ||
    specifier.startsWith('file:') ||
    path.isAbsolute(specifier)
  );
}

/** Where a path specifier points without asking the disk: for files that do not exist (a mock of a module not written yet). */
function lexicalPath(specifier: string, dir: string): string {
  if (specifier.startsWith('file:')) {
    try {
      return fileURLToPath(specifier);
    } catch {
      return specifier;
    }
  }
  return path.resolve(dir, specifier);
}

/** `fs` and `node:fs` are one module. */
function builtinId(specifier: string): string {
  return specifier.startsWith('node:') ? specifier : `node:${specifier}`;
}

/**
 * A run's `mocks`, each key resolved as the script's own imports resolve (SPEC §2, RunOptions):
 * - a builtin, with or without `node:` (`fs` mocks `node:fs` too);
 * - a bare specifier (`pkg`, `pkg/sub`, `#internal`) by its text wherever it is imported — also
 *   when nothing is installed under that name — and, when it resolves from cwd, by the files it
 *   resolves to (`import` and `require` may give two), whatever specifier reaches them;
 * - a path (relative to cwd, absolute, a `file:` URL) by the file it resolves to from cwd, as an
 *   import in a TypeScript file there would find it (`./x.js` finds `x.ts` when only that exists,
 *   `./x` finds `x.ts` or `x.js`, `./dir` its index) or else as `require` would (`x.json`, a
 *   directory's `main`); a path that resolves to nothing stands for that exact path.
 * An import is mocked when its specifier, resolved from the importing file, reaches a file a key
 * stands for. Two keys standing for one file: the first given wins, the other stays unused.
 */
export class RunMocks {
  private readonly entries: MockEntry[] = [];
  /** Bare keys by their text, builtins by their `node:` id. */
  private readonly byText = new Map<string, MockEntry>();
  /** The files path keys (and resolved bare keys) stand for. */
  private readonly byPath = new Map<string, MockEntry>();

  constructor(
    mocks: ReadonlyMap<string, unknown>,
    cwd: string,
    private readonly resolver: MockResolver,
  ) {
    for (const [key, given] of mocks) {
      const entry = new MockEntry(key, given);
      this.entries.push(entry);
      this.designate(entry, cwd);
    }
  }

  private designate(entry: MockEntry, cwd: string): void {
    const { key } = entry;
    if (isBuiltin(key)) {
      this.claim(this.byText, builtinId(key), entry);
      return;
    }
    if (!isPathSpecifier(key)) this.claim(this.byText, key, entry);
    const files = new Set<string>();
    // A TypeScript parent: its imports also find `x.ts` for `./x.js`, `./x` and `./dir` (tsx's rules, resolve.ts).
    for (const [parent, mode] of [
      [path.join(cwd, '[mocks].ts'), 'import'],
      [path.join(cwd, '[mocks].js'), 'require'],
    ] as const) {
      const file = this.fileOf(key, parent, mode);
      if (file !== undefined) files.add(file);
    }
    if (files.size === 0 && isPathSpecifier(key)) files.add(lexicalPath(key, cwd));
    for (const file of files) this.claim(this.byPath, file, entry);
  }

  private claim(map: Map<string, MockEntry>, at: string, entry: MockEntry): void {
    if (!map.has(at)) map.set(at, entry);
  }

  private fileOf(specifier: string, parentPath: string, mode: 'require' | 'import'): string | undefined {
    try {
      const resolved = this.resolver.resolve(specifier, parentPath, mode);
      return resolved.kind === 'file' ? resolved.path : undefined;
    } catch {
      return undefined;
    }
  }

  /** The mock that `specifier`, imported from `parentPath`, gets; undefined when none applies. */
  find(specifier: string, parentPath: string, mode: 'require' | 'import'): MockEntry | undefined {
    const byText = this.byText.get(isBuiltin(specifier) ? builtinId(specifier) : specifier);
    if (byText !== undefined || this.byPath.size === 0) return byText;
    if (specifier.startsWith('node:')) return undefined;
    let file = this.fileOf(specifier, parentPath, mode);
    if (file === undefined && isPathSpecifier(specifier)) file = lexicalPath(specifier, path.dirname(parentPath));
    return file === undefined ? undefined : this.byPath.get(file);
  }

  /** The keys no module of the run imported, in the order given. */
  unused(): string[] {
    return this.entries.filter((entry) => !entry.used).map((entry) => entry.key);
  }
}
