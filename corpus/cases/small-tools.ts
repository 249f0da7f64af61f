/** Small CLIs: hand-made argument parsing, argv and stdin in, text out. */
import type { Invocation } from '../harness.js';

const PACKAGE_JSON = `${JSON.stringify({ version: '1.0.0', name: 'demo', dependencies: { b: '1', a: '2' }, description: 'x' }, null, 2)}\n`;

export const cases: Invocation[] = [
  // semver: by hand, CommonJS, 'use strict' without a semicolon
  { pkg: 'semver', label: '--help', argv: ['--help'] },
  { pkg: 'semver', label: 'increment a minor version', argv: ['1.2.3', '-i', 'minor'] },
  { pkg: 'semver', label: 'prerelease with a preid', argv: ['1.2.3', '-i', 'prerelease', '--preid', 'beta'] },
  { pkg: 'semver', label: 'versions filtered by a range', argv: ['1.2.3', '2.0.0', '1.6.0', '-r', '>=1.5'] },
  { pkg: 'semver', label: 'an invalid version exits 1', argv: ['not-a-version'] },
  { pkg: 'semver', label: 'coerce', argv: ['--coerce', 'v3.4 beta'] },

  // acorn: by hand, reads stdin or files
  { pkg: 'acorn', label: 'parses stdin', argv: ['--ecma2020', '--compact'], stdin: 'let a = 1 + 2' },
  { pkg: 'acorn', label: 'parses a module file with locations', argv: ['--ecma2022', '--module', '--locations', '--compact', 'a.mjs'], files: { 'a.mjs': 'export const x = 1;\n' } },
  { pkg: 'acorn', label: 'a syntax error exits 1', argv: ['--silent'], stdin: 'let let = 1' },
  { pkg: 'acorn', label: 'a missing file', argv: ['missing.js'], known: 'node-throw-site' },

  // he, jsesc, cssesc: mathiasbynens' hand-made CLIs
  { pkg: 'he', label: '--help', argv: ['--help'] },
  { pkg: 'he', label: '--version', argv: ['--version'] },
  { pkg: 'he', label: 'escapes an argument', argv: ['--escape', '<img src="x">'] },
  { pkg: 'he', label: 'decodes stdin', argv: ['--decode'], stdin: '&copy; &#x1D306; &amp;\n' },
  { pkg: 'jsesc', label: 'escapes an argument', argv: ['föo ♥ bår 𝌆 baz'] },
  { pkg: 'jsesc', label: 'JSON with wrap', argv: ['--json', '--wrap', 'föo ♥'] },
  { pkg: 'jsesc', label: 'an object, pretty', argv: ['--object', '--pretty', '{"a":[1,"é"]}'] },
  { pkg: 'jsesc', label: 'escapes stdin', stdin: 'line ♥\n' },
  { pkg: 'cssesc', label: 'an identifier', argv: ['--identifier', '-123abc ♥'] },
  { pkg: 'cssesc', label: '--version', argv: ['--version'] },
  { pkg: 'cssesc', label: 'escapes stdin', argv: ['--wrap'], stdin: 'a"b\n' },

  // json5: by hand, files and stdin
  { pkg: 'json5', label: '--help', argv: ['--help'] },
  { pkg: 'json5', label: 'converts a file to stdout', argv: ['-s', '2', 'config.json5'], files: { 'config.json5': "{ a: 1, // one\n b: 'two', c: [1,2,], }\n" } },
  { pkg: 'json5', label: 'writes an output file', argv: ['-o', 'out.json', 'config.json5'], files: { 'config.json5': "{ name: 'x', list: [1, 2,] }\n" } },
  { pkg: 'json5', label: 'validates an invalid file', argv: ['--validate', 'bad.json5'], files: { 'bad.json5': '{ a: }\n' } },
  { pkg: 'json5', label: 'reads stdin', stdin: "{ hex: 0x10, inf: Infinity, 'q': \"w\" }" },

  // esprima: two bins
  { pkg: 'esprima', bin: 'esparse', label: 'esparse --version', argv: ['--version'] },
  { pkg: 'esprima', bin: 'esparse', label: 'esparse a file with tokens', argv: ['--tokens', 'a.js'], files: { 'a.js': 'var answer = 42;\n' } },
  { pkg: 'esprima', bin: 'esparse', label: 'esparse stdin', stdin: 'x = y => y * 2' },
  { pkg: 'esprima', bin: 'esvalidate', label: 'esvalidate an invalid file', argv: ['bad.js'], files: { 'bad.js': 'var = 1;\n' } },
  { pkg: 'esprima', bin: 'esvalidate', label: 'esvalidate as JUnit', argv: ['--format=junit', 'bad.js', 'good.js'], files: { 'bad.js': 'if (\n', 'good.js': 'f();\n' } },

  // uglify-js: by hand
  { pkg: 'uglify-js', label: '--version', argv: ['--version'] },
  { pkg: 'uglify-js', label: 'compress and mangle a file', argv: ['a.js', '-c', '-m'], files: { 'a.js': 'function add(first, second) { var unused = 1; return first + second; }\nconsole.log(add(1, 2));\n' } },
  { pkg: 'uglify-js', label: 'writes an output file', argv: ['a.js', '-b', '-o', 'out/a.min.js'], files: { 'a.js': 'if (a) { b(); } else { c(); }\n', 'out/': null } },
  { pkg: 'uglify-js', label: 'a syntax error', argv: ['bad.js'], files: { 'bad.js': 'function (\n' } },
  { pkg: 'uglify-js', label: 'stdin', argv: ['-c'], stdin: 'var a = 1 + 2; console.log(a);' },

  // mustache: by hand
  { pkg: 'mustache', label: '--version', argv: ['--version'] },
  { pkg: 'mustache', label: 'renders a view', argv: ['view.json', 'page.mustache'], files: { 'view.json': '{"name":"Ada","items":[{"n":1},{"n":2}]}', 'page.mustache': 'Hi {{name}}!\n{{#items}}- {{n}}\n{{/items}}' } },
  { pkg: 'mustache', label: 'writes an output file', argv: ['view.json', 'page.mustache', 'out.html'], files: { 'view.json': '{"t":"<b>"}', 'page.mustache': '<p>{{t}} {{{t}}}</p>\n' } },
  { pkg: 'mustache', label: 'a view from stdin', argv: ['-', 'page.mustache'], stdin: '{"x":42}', files: { 'page.mustache': 'x={{x}}\n' } },
  { pkg: 'mustache', label: 'a missing template', argv: ['view.json', 'nope.mustache'], files: { 'view.json': '{}' } },

  // nanoid: ESM, by hand; synchronous crypto
  { pkg: 'nanoid', label: '--help', argv: ['--help'] },
  { pkg: 'nanoid', label: 'an id from a one-letter alphabet', argv: ['--size', '6', '--alphabet', 'z'] },
  { pkg: 'nanoid', label: 'an unknown argument', argv: ['--nope'] },

  // uuid: ESM, by hand
  { pkg: 'uuid', label: '--help', argv: ['--help'] },
  { pkg: 'uuid', label: 'v5 of a name in the URL namespace', argv: ['v5', 'hello', 'URL'] },
  { pkg: 'uuid', label: 'v3 of a name in the DNS namespace', argv: ['v3', 'example.com', 'DNS'] },
  { pkg: 'uuid', label: 'v5 without its arguments', argv: ['v5'], known: 'report-throw-site' },

  // json (trentm): by hand, stdin, in-place edits
  { pkg: 'json', label: '--version', argv: ['--version'] },
  { pkg: 'json', label: 'pretty-prints stdin', stdin: '{"name":"trent","age":38,"tags":["a","b"]}' },
  { pkg: 'json', label: 'a lookup', argv: ['tags.1'], stdin: '{"tags":["a","b"]}' },
  { pkg: 'json', label: 'executes code on each item', argv: ['-e', 'this.age++', '-c', 'this.age > 21'], stdin: '[{"age":38},{"age":4}]' },
  { pkg: 'json', label: 'edits a file in place', argv: ['-I', '-f', 'p.json', '-e', 'this.version="2.0.0"'], files: { 'p.json': '{"version":"1.0.0"}\n' } },
  { pkg: 'json', label: 'invalid JSON on stdin', stdin: '{"a":' },

  // jsonlint
  { pkg: 'jsonlint', label: '--version', argv: ['--version'] },
  { pkg: 'jsonlint', label: 'valid stdin, keys sorted', argv: ['-s'], stdin: '{"b":1,"a":[true,null]}' },
  { pkg: 'jsonlint', label: 'invalid stdin', stdin: '{"a": 1,}' },
  { pkg: 'jsonlint', label: 'rewrites a file in place', argv: ['-i', '-s', 'x.json'], files: { 'x.json': '{"z":1,"a":2}' } },

  // xml-js, fast-xml-parser
  { pkg: 'xml-js', label: '--help', argv: ['--help'] },
  { pkg: 'xml-js', label: 'XML to compact JSON', argv: ['a.xml', '--compact', '--spaces', '2'], files: { 'a.xml': '<?xml version="1.0"?><note id="1"><to>Tove</to><body>Hi</body></note>' } },
  { pkg: 'xml-js', label: 'JSON to XML into a file', argv: ['a.json', '--spaces', '2', '--out', 'a.xml'], files: { 'a.json': '{"elements":[{"type":"element","name":"a","attributes":{"x":"1"},"elements":[{"type":"text","text":"t"}]}]}' } },
  { pkg: 'fast-xml-parser', label: 'parses a file (reads package.json from cwd)', argv: ['a.xml'], files: { 'package.json': '{"version":"0.0.0"}', 'a.xml': '<root><item k="v">1</item><item>2</item></root>' } },
  { pkg: 'fast-xml-parser', label: 'without package.json in cwd', argv: ['a.xml'], files: { 'a.xml': '<a/>' }, known: 'node-throw-site' },
  { pkg: 'fast-xml-parser', label: 'reads stdin and writes a file', argv: ['-c', '-o', 'out.json'], stdin: '<a><b>1</b></a>', files: { 'package.json': '{}' } },

  // fx: ESM, stdin
  { pkg: 'fx', label: '--help', argv: ['--help'] },
  { pkg: 'fx', label: 'a path on stdin', argv: ['.a.b'], stdin: '{"a":{"b":[1,2]}}' },
  { pkg: 'fx', label: 'a function on stdin', argv: ['x => x.map(n => n * 2)'], stdin: '[1,2,3]' },
  { pkg: 'fx', label: 'invalid JSON', argv: ['.'], stdin: '{"a":' },

  // cowsay: yargs, reads its own cow files
  { pkg: 'cowsay', label: 'says hello', argv: ['hello'] },
  { pkg: 'cowsay', label: 'a cow file from its assets', argv: ['-f', 'tux', 'hi'] },
  { pkg: 'cowsay', label: 'lists the cows (reads its directory)', argv: ['-l'] },
  { pkg: 'cowsay', bin: 'cowthink', label: 'cowthink with eyes', argv: ['-e', 'oO', 'hmm'] },
  { pkg: 'cowsay', label: 'a missing cow', argv: ['-f', 'nope', 'x'], known: 'node-throw-site' },
  { pkg: 'cowsay', label: 'stdin', stdin: 'from stdin\n' },

  // figlet: commander, reads its fonts
  { pkg: 'figlet', label: '--help', argv: ['--help'] },
  { pkg: 'figlet', label: 'renders text', argv: ['Hi'] },
  { pkg: 'figlet', label: 'another font', argv: ['-f', 'Small', 'ok'] },
  { pkg: 'figlet', label: '--version', argv: ['--version'] },

  // slugify-cli, strip-json-comments-cli, sort-package-json: meow and hand-made, ESM
  { pkg: 'slugify-cli', label: '--help', argv: ['--help'] },
  { pkg: 'slugify-cli', label: 'slugifies', argv: ['Déjà Vu!'] },
  { pkg: 'slugify-cli', label: 'with a separator', argv: ['Unicorns & Rainbows', '--separator=_'] },
  { pkg: 'slugify-cli', label: '--version', argv: ['--version'] },
  { pkg: 'strip-json-comments-cli', label: 'a file', argv: ['c.json'], files: { 'c.json': '{\n  // a comment\n  "a": 1 /* b */\n}\n' } },
  { pkg: 'strip-json-comments-cli', label: 'stdin without whitespace', argv: ['--no-whitespace'], stdin: '{"a":1 /* x */}' },
  { pkg: 'strip-json-comments-cli', label: 'no input', argv: [] },
  { pkg: 'sort-package-json', label: '--help', argv: ['--help'] },
  { pkg: 'sort-package-json', label: 'sorts package.json in place', files: { 'package.json': PACKAGE_JSON } },
  { pkg: 'sort-package-json', label: '--check on an unsorted file', argv: ['--check'], files: { 'package.json': PACKAGE_JSON } },
  { pkg: 'sort-package-json', label: '--stdin', argv: ['--stdin'], stdin: PACKAGE_JSON },
  { pkg: 'sort-package-json', label: 'a glob that matches nothing', argv: ['nope/*.json'] },
];
