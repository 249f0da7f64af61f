import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runProcess } from '../sandbox/process.js';
import { currentRun, type RunState } from '../sandbox/run-state.js';
import { findPackageScope, type ResolveContext } from './resolve.js';

/**
 * Node's warning of a .js file in a package.json of no "type" that it had to detect as an ES
 * module (warnTypelessPackageJsonFile in esm/get_format, 20.19+, 22, 24): once per package.json,
 * outside node_modules. One per run, as a fresh process warns once.
 */
export class TypelessPackageWarnings {
  private readonly warned = new Set<string>();
  /** Warnings found before the run's code runs (its entry's format is decided first). */
  private readonly pending: string[] = [];

  constructor(
    private readonly run: RunState,
    private readonly resolveContext: ResolveContext,
  ) {}

  /** `filePath`, of no declared type, turned out to be an ES module. */
  note(filePath: string): void {
    if (!filePath.endsWith('.js') || filePath.includes(`${path.sep}node_modules${path.sep}`)) return;
    const scope = findPackageScope(filePath, this.resolveContext);
    if (!scope || this.warned.has(scope.dir)) return;
    this.warned.add(scope.dir);
    const warning = `Module type of ${pathToFileURL(filePath).href} is not specified and it doesn't parse as CommonJS.\nReparsing as ES module because module syntax was detected. This incurs a performance overhead.\nTo eliminate this warning, add "type": "module" to ${path.join(scope.dir, 'package.json')}.`;
    if (currentRun.getStore() === this.run) emitTypelessWarning(warning);
    else this.pending.push(warning);
  }

  /** Emits what was noted before the run's code started: call from inside the run. */
  flush(): void {
    for (const warning of this.pending.splice(0)) emitTypelessWarning(warning);
  }
}

function emitTypelessWarning(warning: string): void {
  runProcess.emitWarning(warning, { code: 'MODULE_TYPELESS_PACKAGE_JSON' });
}
