/**
 * The README's corpus table, made from a vitest JSON report of the corpus run (never by hand):
 *
 *   npx vitest run -c vitest.corpus.config.ts --reporter=json --outputFile.json=corpus/.results/report.json
 *   npx tsx corpus/table.ts corpus/.results/report.json [--write README.md]
 *
 * With --write, the table replaces what stands between the README's corpus-table markers.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface AssertionResult {
  ancestorTitles: string[];
  title: string;
  status: string;
}
interface Report {
  testResults: { assertionResults: AssertionResult[] }[];
}

const KNOWN = / \[differs: ([^\]]+)\]$/;

interface Tally {
  runs: number;
  match: number;
  /** Unexpected: a test that failed (a new difference, or a known one that no longer differs). */
  failed: number;
  causes: Map<string, number>;
}

const tally = (): Tally => ({ runs: 0, match: 0, failed: 0, causes: new Map() });

function count(into: Tally, result: AssertionResult): void {
  into.runs++;
  const known = KNOWN.exec(result.title)?.[1];
  if (result.status !== 'passed') into.failed++;
  else if (known) into.causes.set(known, (into.causes.get(known) ?? 0) + 1);
  else into.match++;
}

const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(whole, 1)).toFixed(1)} %`;
const causesOf = (t: Tally): string =>
  [...t.causes].map(([cause, n]) => (n > 1 ? `\`${cause}\` ×${n}` : `\`${cause}\``)).join(', ');

export function corpusTable(report: Report): string {
  const packages = new Map<string, Tally>();
  const sweep = tally();
  const sweepCauses = tally();
  for (const file of report.testResults) {
    for (const result of file.assertionResults) {
      const group = result.ancestorTitles[0];
      if (group === undefined) continue; // the checks of corpus/known.ts itself
      if (group.startsWith('sweep ')) {
        count(sweep, result);
        continue;
      }
      if (!packages.has(group)) packages.set(group, tally());
      count(packages.get(group)!, result);
    }
  }
  const total = tally();
  const rows: string[] = [];
  for (const [name, t] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    total.runs += t.runs;
    total.match += t.match;
    total.failed += t.failed;
    for (const [cause, n] of t.causes) total.causes.set(cause, (total.causes.get(cause) ?? 0) + n);
    rows.push(`| ${name} | ${t.runs} | ${t.match} | ${[causesOf(t), t.failed ? `${t.failed} failing` : ''].filter(Boolean).join('; ')} |`);
  }
  for (const [cause, n] of sweep.causes) sweepCauses.causes.set(cause, n);
  return [
    `${packages.size} packages, ${total.runs} invocations: **${total.match} match node (${percent(total.match, total.runs)})**` +
      `${total.failed ? `, ${total.failed} failing` : ''}. Sweep (the main and every bin of all ${sweep.runs} entries` +
      ` of corpus/node_modules, no arguments): **${sweep.match} match (${percent(sweep.match, sweep.runs)})**` +
      `${sweep.failed ? `, ${sweep.failed} failing` : ''}${sweep.causes.size ? `; known differences: ${causesOf(sweepCauses)}` : ''}.`,
    '',
    '| package | invocations | match node | known differences (corpus/known.ts) |',
    '|---|---|---|---|',
    ...rows,
    `| **all** | **${total.runs}** | **${total.match}** | ${causesOf(total)} |`,
  ].join('\n');
}

const START = '<!-- corpus-table:start -->';
const END = '<!-- corpus-table:end -->';

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [reportPath, flag, readmePath] = process.argv.slice(2);
  if (!reportPath) throw new Error('Usage: tsx corpus/table.ts <vitest JSON report> [--write README.md]');
  const table = corpusTable(JSON.parse(readFileSync(reportPath, 'utf8')) as Report);
  if (flag === '--write' && readmePath) {
    const readme = readFileSync(readmePath, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    if (start === -1 || end < start) throw new Error(`${readmePath} has no ${START} … ${END} markers.`);
    writeFileSync(readmePath, `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`);
  } else {
    console.log(table);
  }
}
