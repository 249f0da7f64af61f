/**
 * The demo of the seed's runpy harness, ported (README "Walkthrough"): each step runs a fixture
 * of `fixtures/demo/` in-process and prints what it gave, as the Python demo prints its results.
 * `npm start` prints it; test/demo-walkthrough.test.ts pins it.
 */
import path from 'node:path';
import { inspect } from 'node:util';
import { runAsMain } from './run-as-main.js';
import { extractGlobals, loadPluginsFromDir, runPath, safeRunPath } from './runpy.js';

type Transform = (data: number[]) => number[];

const show = (value: unknown): string => inspect(value, { colors: false, breakLength: Number.POSITIVE_INFINITY });

/** The walkthrough's report, every fixture run with `dir` (fixtures/demo) as its cwd. */
export async function demoWalkthrough(dir: string): Promise<string> {
  const options = { cwd: dir };
  const lines: string[] = [`=== run-as-main demo (${path.basename(path.dirname(dir))}/${path.basename(dir)}) ===`];
  const section = (title: string): void => {
    lines.push('', `--- ${title} ---`);
  };

  section('runPath with initGlobals');
  const small = await runPath('compute.js', { ...options, initGlobals: { N: 5 } });
  const large = await runPath('compute.js', options);
  lines.push(`  result (N=5): ${(small.result as number).toFixed(4)}`);
  lines.push(`  result (default N=10): ${(large.result as number).toFixed(4)}`);

  section('extractGlobals');
  const config = await extractGlobals('config.js', ['DB_URL', 'DEBUG', 'SECRET_KEY', 'MISSING'], options);
  for (const [name, value] of Object.entries(config)) lines.push(`  ${name} = ${show(value)}`);

  section('safeRunPath (an uncaught error)');
  const failed = await safeRunPath('failing.js', options);
  lines.push(`  ok=${failed.ok} exitCode=${failed.exitCode}`);
  lines.push(`  error: ${String(failed.error)}`);
  lines.push(`  namespace kept: ${show(failed.namespace)}`);

  section('safeRunPath (process.exit)');
  const exited = await safeRunPath('exiting.js', options);
  lines.push(`  ok=${exited.ok} exitCode=${exited.exitCode} stdout=${show(exited.stdout)}`);

  section('loadPluginsFromDir');
  for (const plugin of await loadPluginsFromDir('plugins', { factor: 2 }, options)) {
    const transform = plugin.exports.transform as Transform;
    lines.push(`  ${path.basename(plugin.path)}: version=${plugin.exports.version} transform([3,1,4,1,5])=${show(transform([3, 1, 4, 1, 5]))}`);
  }

  section('runAsMain with argv');
  const printed = await runAsMain('printargs.js', { ...options, argv: ['--foo', 'bar'] });
  lines.push(`  args captured: ${show(printed.namespace.args)}`);

  lines.push('', '=== done ===', '');
  return lines.join('\n');
}
