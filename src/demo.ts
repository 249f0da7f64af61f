/**
 * `npm start`: the seed's demo, ported (demo-walkthrough.ts), then a fixture CLI run in-process
 * twice, each RunResult printed as a report. (The `run-as-main` CLI, SPEC §7, will take this over.)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoWalkthrough } from './demo-walkthrough.js';
import { formatReport } from './report.js';
import { runAsMain } from './run-as-main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demo = path.join(root, 'fixtures', 'demo');
const script = path.join(demo, 'word-count.cjs');

process.stdout.write(await demoWalkthrough(demo));
process.stdout.write('\n');
const first = await runAsMain(script, { argv: ['the cat and the hat', 'and the bat', '--top', '2'] });
process.stdout.write(formatReport(first, 'word-count.cjs "the cat and the hat" "and the bat" --top 2'));
process.stdout.write('\n');
const second = await runAsMain(script, { stdin: '' });
process.stdout.write(formatReport(second, 'word-count.cjs < /dev/null'));
