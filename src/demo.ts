/**
 * `npm start`: runs a fixture CLI in-process, twice, and prints each RunResult as a report.
 * (The `run-as-main` CLI, SPEC §7, will take this over.)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReport } from './report.js';
import { runAsMain } from './run-as-main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = path.join(root, 'fixtures', 'demo', 'word-count.cjs');

const first = await runAsMain(script, { argv: ['the cat and the hat', 'and the bat', '--top', '2'] });
process.stdout.write(formatReport(first, 'word-count.cjs "the cat and the hat" "and the bat" --top 2'));
process.stdout.write('\n');
const second = await runAsMain(script, { stdin: '' });
process.stdout.write(formatReport(second, 'word-count.cjs < /dev/null'));
