/** Test runners on a tiny suite from the volume, template engines, parser generators, converters. */
import type { Invocation } from '../harness.js';
import { modulesDir } from '../harness.js';

const MOCHA_SUITE = {
  'test/math.test.js':
    "const assert = require('node:assert');\ndescribe('math', () => {\n  it('adds', () => assert.strictEqual(1 + 1, 2));\n  it('awaits', async () => { await new Promise((r) => setTimeout(r, 5)); assert.ok(true); });\n});\n",
};
const MOCHA_FAILING = {
  'test/fail.test.js':
    "const assert = require('node:assert');\ndescribe('broken', () => {\n  it('compares', () => assert.deepStrictEqual({ a: 1 }, { a: 2 }));\n  it('throws', () => { throw new TypeError('nope'); });\n});\n",
};
/** Test files that require the runner itself resolve it through NODE_PATH, in both runs. */
const NODE_PATH = { NODE_PATH: modulesDir };

export const cases: Invocation[] = [
  // mocha: ESM bin, runs the suite in-process
  { pkg: 'mocha', label: '--version', argv: ['--version'] },
  { pkg: 'mocha', label: 'a passing suite, TAP reporter', argv: ['--reporter', 'tap', 'test/math.test.js'], files: MOCHA_SUITE },
  { pkg: 'mocha', label: 'a failing suite, TAP reporter', argv: ['--reporter', 'tap', 'test/fail.test.js'], files: MOCHA_FAILING },
  { pkg: 'mocha', label: 'no test files', argv: ['--reporter', 'tap', 'nope/*.js'] },
  { pkg: 'mocha', label: 'an ES module suite via .mocharc', argv: [], files: { '.mocharc.json': '{ "spec": "spec/*.mjs", "reporter": "tap" }\n', 'spec/a.mjs': "import assert from 'node:assert';\ndescribe('esm', () => { it('works', () => assert.equal(typeof import.meta.url, 'string')); });\n" } },

  // tape: minimist
  { pkg: 'tape', label: 'a passing test', argv: ['t.js'], env: NODE_PATH, files: { 't.js': "const test = require('tape');\ntest('sum', (t) => { t.equal(1 + 1, 2); t.end(); });\n" }, known: 'node-path' },
  { pkg: 'tape', label: 'a failing test', argv: ['t.js'], env: NODE_PATH, files: { 't.js': "const test = require('tape');\ntest('deep', (t) => { t.deepEqual([1, { a: 2 }], [1, { a: 3 }]); t.end(); });\n" }, known: 'node-path' },
  { pkg: 'tape', label: 'a glob of files', argv: ['tests/*.js'], env: NODE_PATH, files: { 'tests/a.js': "require('tape')('a', (t) => { t.ok(true); t.end(); });\n", 'tests/b.js': "require('tape')('b', (t) => { t.plan(1); setTimeout(() => t.pass('later'), 5); });\n" }, known: 'node-path' },
  { pkg: 'tape', label: 'no files', argv: ['nothing/*.js'] },

  // uvu: sade (its results print a duration: only what prints none)
  { pkg: 'uvu', label: '--help', argv: ['--help'] },
  { pkg: 'uvu', label: '--version', argv: ['--version'] },

  // ejs: its own argument parser
  { pkg: 'ejs', label: '--help', argv: ['--help'] },
  { pkg: 'ejs', label: 'renders with inline data', argv: ['a.ejs', '-i', '{"name":"<x>","list":[1,2]}'], files: { 'a.ejs': 'Hello <%= name %>!\n<% list.forEach(function (n) { %>- <%- n %>\n<% }) %>' } },
  { pkg: 'ejs', label: 'a data file and an output file', argv: ['page.ejs', '-f', 'data.json', '-o', 'out.html'], files: { 'page.ejs': '<%- include("part") %>: <%= title %>\n', 'part.ejs': '<b>part</b>', 'data.json': '{"title":"T"}' } },
  { pkg: 'ejs', label: 'an error in the template', argv: ['bad.ejs'], files: { 'bad.ejs': 'line one\n<%= missing.prop %>\n' } },

  // handlebars: minimist; nunjucks: commander
  { pkg: 'handlebars', label: '--version', argv: ['--version'] },
  { pkg: 'handlebars', label: 'precompiles a template', argv: ['t.hbs'], files: { 't.hbs': '{{#each items}}<li>{{this}}</li>{{/each}}\n' } },
  { pkg: 'handlebars', label: 'precompiles minified into a file', argv: ['t.hbs', '-m', '-f', 'out/t.js'], files: { 't.hbs': 'Hi {{name}}\n' }, known: 'node-throw-site' },
  { pkg: 'handlebars', label: 'a template with a parse error', argv: ['bad.hbs'], files: { 'bad.hbs': '{{#if}}\n' } },
  { pkg: 'nunjucks', label: 'precompiles a template', argv: ['t.njk'], files: { 't.njk': 'Hi {{ name | upper }}{% if x %}!{% endif %}\n' } },
  { pkg: 'nunjucks', label: '--help', argv: ['--help'] },

  // liquidjs: commander, stdin templates
  { pkg: 'liquidjs', label: 'renders a template argument', argv: ['--template', '{{ "a,b" | split: "," | join: "-" | upcase }}'] },
  { pkg: 'liquidjs', label: 'a template file with a context', argv: ['--template', '@t.liquid', '--context', '{"xs":[3,1,2]}'], files: { 't.liquid': '{% for x in xs | sort %}{{ x }};{% endfor %}\n' } },
  { pkg: 'liquidjs', label: 'a template from stdin into a file', argv: ['--template', '@-', '--output', 'out.txt'], stdin: '{% assign n = 6 | times: 7 %}{{ n }}\n' },
  { pkg: 'liquidjs', label: 'a syntax error', argv: ['--template', '{% if %}'] },

  // peggy: commander; nearley: commander, four bins
  { pkg: 'peggy', label: '--version', argv: ['--version'] },
  { pkg: 'peggy', label: 'generates a parser to stdout', argv: ['--format', 'commonjs', '-o', '-', 'g.pegjs'], files: { 'g.pegjs': 'start = "a"+ { return text().length; }\n' } },
  { pkg: 'peggy', label: 'generates a parser file', argv: ['g.pegjs'], files: { 'g.pegjs': "num = d:[0-9]+ { return parseInt(d.join(''), 10); }\n" } },
  { pkg: 'peggy', label: 'tests a grammar on input', argv: ['-t', 'aaaa', 'g.pegjs'], files: { 'g.pegjs': 'start = "a"+ { return text().length; }\n' }, known: 'import-in-eval' },
  { pkg: 'peggy', label: 'a grammar error', argv: ['bad.pegjs'], files: { 'bad.pegjs': 'start = (\n' } },
  { pkg: 'nearley', bin: 'nearleyc', label: 'compiles a grammar to a file', argv: ['g.ne', '-o', 'g.js'], files: { 'g.ne': 'main -> "a" | "b" main\n' } },
  { pkg: 'nearley', bin: 'nearleyc', label: '--version', argv: ['--version'] },
  { pkg: 'nearley', bin: 'nearley-test', label: 'tests a compiled grammar', argv: ['-i', 'ba', 'g.js', '-q'], files: { 'g.js': '(function () {\nfunction id(x) { return x[0]; }\nvar grammar = { Lexer: undefined, ParserRules: [{"name": "main", "symbols": [{"literal":"a"}]}, {"name": "main", "symbols": [{"literal":"b"}, "main"]}], ParserStart: "main" };\nif (typeof module !== "undefined") module.exports = grammar;\n})();\n' } },
  { pkg: 'nearley', bin: 'nearley-railroad', label: 'railroad diagrams of a grammar', argv: ['g.ne', '-o', 'g.html'], files: { 'g.ne': 'main -> "x" main | null\n' } },

  // json2csv: commander; ajv-cli: minimist
  { pkg: 'json2csv', label: '--version', argv: ['--version'] },
  { pkg: 'json2csv', label: 'a file to stdout', argv: ['-i', 'd.json'], files: { 'd.json': '[{"a":1,"b":"x"},{"a":2,"b":"y,z"}]' } },
  { pkg: 'json2csv', label: 'stdin with fields into a file', argv: ['-f', 'b,a', '-o', 'out.csv'], stdin: '[{"a":1,"b":"x"}]' },
  { pkg: 'json2csv', label: 'NDJSON on stdin', argv: ['--ndjson'], stdin: '{"a":1}\n{"a":2}\n' },
  { pkg: 'json2csv', label: 'invalid JSON', argv: ['-i', 'bad.json'], files: { 'bad.json': '[{' } },
  { pkg: 'ajv-cli', label: 'help', argv: ['help'] },
  { pkg: 'ajv-cli', label: 'valid data', argv: ['validate', '-s', 'schema.json', '-d', 'data.json'], files: { 'schema.json': '{"type":"object","required":["a"],"properties":{"a":{"type":"number"}}}', 'data.json': '{"a":1}' } },
  { pkg: 'ajv-cli', label: 'invalid data', argv: ['validate', '-s', 'schema.json', '-d', 'data.json', '--errors=text'], files: { 'schema.json': '{"type":"object","required":["a"]}', 'data.json': '{"b":1}' } },
  { pkg: 'ajv-cli', label: 'compiles a schema', argv: ['compile', '-s', 'schema.json'], files: { 'schema.json': '{"type":"string","minLength":2}' } },
  { pkg: 'ajv-cli', label: 'an invalid schema', argv: ['compile', '-s', 'schema.json'], files: { 'schema.json': '{"type":"nope"}' } },
];
