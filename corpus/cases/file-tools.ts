/** CLIs whose work is the file tree: copy, delete, make, transform; meow, citty, cac, jackspeak. */
import type { Invocation } from '../harness.js';

const TREE = { 'src/a.txt': 'a\n', 'src/b.txt': 'b\n', 'src/sub/c.txt': 'c\n', 'src/d.log': 'd\n' };

export const cases: Invocation[] = [
  // rimraf: ESM with a nested type-only package.json, jackspeak
  { pkg: 'rimraf', label: '--help', argv: ['--help'] },
  { pkg: 'rimraf', label: '--version', argv: ['--version'] },
  { pkg: 'rimraf', label: 'removes a directory', argv: ['src'], files: TREE },
  { pkg: 'rimraf', label: 'removes a glob', argv: ['--glob', 'src/**/*.txt'], files: TREE },
  { pkg: 'rimraf', label: 'an unknown option', argv: ['--nope'] },

  // cpy-cli: meow, ESM
  { pkg: 'cpy-cli', label: '--help', argv: ['--help'] },
  { pkg: 'cpy-cli', label: 'copies a glob', argv: ['src/*.txt', 'dest'], files: TREE, known: 'stream-call-without-new' },
  { pkg: 'cpy-cli', label: 'copies flat and renamed', argv: ['src/**/*.txt', 'out', '--flat', '--rename=copy-{{basename}}'], files: TREE, known: 'stream-call-without-new' },
  { pkg: 'cpy-cli', label: 'no match is an error', argv: ['nope/*.md', 'dest'], files: TREE },
  { pkg: 'cpy-cli', label: 'no arguments', argv: [] },

  // del-cli: meow, ESM
  { pkg: 'del-cli', label: '--help', argv: ['--help'] },
  { pkg: 'del-cli', label: 'deletes a glob, verbose', argv: ['src/*.txt', '--verbose'], files: TREE },
  { pkg: 'del-cli', label: 'a dry run with a negation', argv: ['src/**', '!src/d.log', '--dry-run'], files: TREE },
  { pkg: 'del-cli', label: 'no arguments', argv: [] },

  // make-dir-cli: meow, ESM
  { pkg: 'make-dir-cli', label: '--help', argv: ['--help'] },
  { pkg: 'make-dir-cli', label: 'makes nested directories', argv: ['a/b/c', 'd'] },
  { pkg: 'make-dir-cli', label: 'over an existing file', argv: ['f/g'], files: { f: 'file\n' }, known: 'node-throw-site' },
  { pkg: 'make-dir-cli', label: 'no arguments', argv: [] },

  // mkdist: citty
  { pkg: 'mkdist', label: '--help', argv: ['--help'] },
  { pkg: 'mkdist', label: 'copies CSS and JSON from src to dist', files: { 'src/s.css': 'body { color: red }\n', 'src/data.json': '{"a":1}\n' } },
  { pkg: 'mkdist', label: 'a missing source directory', argv: ['--src', 'nope'] },

  // nypm: citty
  { pkg: 'nypm', label: '--help', argv: ['--help'] },
  { pkg: 'nypm', label: '--version', argv: ['--version'] },
  { pkg: 'nypm', label: 'detect with a lock file', argv: ['detect'], files: { 'package.json': '{"name":"x"}', 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" } },
  { pkg: 'nypm', label: 'detect with none', argv: ['detect'] },
  { pkg: 'nypm', label: 'an unknown command', argv: ['frobnicate'] },

  // @unocss/cli: cac, reads sources and writes CSS
  { pkg: '@unocss/cli', label: '--help', argv: ['--help'] },
  { pkg: '@unocss/cli', label: '--version', argv: ['--version'] },
  { pkg: '@unocss/cli', label: 'generates CSS to stdout', argv: ['index.html', '--stdout', '--preflights=false'], files: { 'index.html': '<div class="p-4 text-red-500 m-2 flex"></div>\n' } },
  { pkg: '@unocss/cli', label: 'writes uno.css', argv: ['src/*.html', '-o', 'out/uno.css', '--preflights=false'], files: { 'src/a.html': '<p class="mt-1 font-bold"></p>\n', 'src/b.html': '<p class="hidden"></p>\n' } },
  { pkg: '@unocss/cli', label: 'with a config file', argv: ['a.html', '--stdout'], files: { 'uno.config.mjs': 'export default { rules: [["m-1", { margin: "1px" }]], shortcuts: { btn: "m-1" } }\n', 'a.html': '<b class="btn m-1"></b>\n' } },
];
