/** YAML and Markdown tools: converters, linters with config files, formatters. */
import type { Invocation } from '../harness.js';

const YAML_DOC = 'name: demo\nlist:\n  - a\n  - b: 1\n    c: [x, y]\nanchor: &x { k: v }\nref: *x\n';
const MD = '# Title\n\nSome *emphasis* and `code`.\n\n## Part\n\n- one\n- two\n\n```js\nlet a = 1;\n```\n';
const MD_BAD = '#Title\nText with trailing space \n\n\n* item\n+ other\n';

export const cases: Invocation[] = [
  // js-yaml: argparse
  { pkg: 'js-yaml', label: '--help', argv: ['--help'] },
  { pkg: 'js-yaml', label: '--version', argv: ['--version'] },
  { pkg: 'js-yaml', label: 'a YAML file as JSON', argv: ['a.yml'], files: { 'a.yml': YAML_DOC } },
  { pkg: 'js-yaml', label: 'stdin', argv: ['-'], stdin: 'x: [1, 2]\n' },
  { pkg: 'js-yaml', label: 'a syntax error, compact', argv: ['-c', 'bad.yml'], files: { 'bad.yml': 'a: [1, 2\nb: c\n' } },
  { pkg: 'js-yaml', label: 'an unknown option', argv: ['--nope'] },

  // yaml: hand-made, stdin
  { pkg: 'yaml', label: '--help', argv: ['--help'] },
  { pkg: 'yaml', label: 'round-trips stdin', stdin: YAML_DOC },
  { pkg: 'yaml', label: 'stdin as JSON, indented', argv: ['--json', '--indent', '2'], stdin: YAML_DOC },
  { pkg: 'yaml', label: 'valid on a broken document', argv: ['valid'], stdin: 'a: b: c\n', known: 'report-throw-site' },
  { pkg: 'yaml', label: 'the lexer', argv: ['lex'], stdin: 'a: [1]\n' },

  // marked: ESM, reads its own man page for --help
  { pkg: 'marked', label: '--version', argv: ['--version'] },
  { pkg: 'marked', label: 'stdin', stdin: MD },
  { pkg: 'marked', label: 'a file into a file', argv: ['-i', 'a.md', '-o', 'a.html'], files: { 'a.md': MD } },
  { pkg: 'marked', label: 'a string, with tokens', argv: ['-s', '*hi*', '--tokens'] },
  { pkg: 'marked', label: 'a missing file', argv: ['-i', 'nope.md'] },

  // markdown-it: argparse
  { pkg: 'markdown-it', label: '--help', argv: ['--help'] },
  { pkg: 'markdown-it', label: 'a file', argv: ['a.md'], files: { 'a.md': MD } },
  { pkg: 'markdown-it', label: 'stdin with typographer and linkify', argv: ['-t', '-l', '-'], stdin: '"Quotes" -- and www.example.com\n' },
  { pkg: 'markdown-it', label: 'into a file', argv: ['a.md', '-o', 'out.html'], files: { 'a.md': MD } },

  // markdownlint-cli: commander, a config file
  { pkg: 'markdownlint-cli', label: '--version', argv: ['--version'] },
  { pkg: 'markdownlint-cli', label: 'reports problems', argv: ['a.md'], files: { 'a.md': MD_BAD } },
  { pkg: 'markdownlint-cli', label: 'a config file that turns rules off', argv: ['a.md'], files: { 'a.md': MD_BAD, '.markdownlint.json': '{ "MD018": false, "MD009": false, "MD012": false, "MD004": false, "MD041": false }\n' } },
  { pkg: 'markdownlint-cli', label: '--fix writes the file', argv: ['--fix', 'a.md'], files: { 'a.md': MD_BAD } },
  { pkg: 'markdownlint-cli', label: 'stdin', argv: ['--stdin'], stdin: MD_BAD },

  // markdownlint-cli2: by hand, ESM, jsonc config
  { pkg: 'markdownlint-cli2', label: 'a clean file', argv: ['a.md'], files: { 'a.md': MD } },
  { pkg: 'markdownlint-cli2', label: 'reports problems', argv: ['a.md'], files: { 'a.md': MD_BAD } },
  { pkg: 'markdownlint-cli2', label: 'a jsonc config and a glob', argv: ['docs/**/*.md'], files: { 'docs/a.md': MD_BAD, 'docs/sub/b.md': MD, '.markdownlint-cli2.jsonc': '{\n  // comments allowed\n  "config": { "MD018": false, "MD009": false }\n}\n' } },
  { pkg: 'markdownlint-cli2', label: '--fix', argv: ['--fix', 'a.md'], files: { 'a.md': MD_BAD } },
  { pkg: 'markdownlint-cli2', label: '--help', argv: ['--help'] },

  // remark-cli: unified-args, ESM
  { pkg: 'remark-cli', label: '--help', argv: ['--help'] },
  { pkg: 'remark-cli', label: '--version', argv: ['--version'] },
  { pkg: 'remark-cli', label: 'formats a file to stdout', argv: ['a.md'], files: { 'a.md': '* a\n* b\n\nTitle\n=====\n' } },
  { pkg: 'remark-cli', label: 'stdin', stdin: '# x\n\n+ y\n' },
  { pkg: 'remark-cli', label: '--output writes the file', argv: ['a.md', '--output'], files: { 'a.md': 'Title\n=====\n\n* a\n' } },
  { pkg: 'remark-cli', label: 'a missing file', argv: ['nope.md'] },

  // markdown-toc (minimist), doctoc (minimist): tables of contents
  { pkg: 'markdown-toc', label: 'usage with no input', argv: [] },
  { pkg: 'markdown-toc', label: 'prints a TOC', argv: ['a.md'], files: { 'a.md': MD } },
  { pkg: 'markdown-toc', label: 'edits a file in place', argv: ['-i', 'a.md'], files: { 'a.md': `<!-- toc -->\n\n<!-- tocstop -->\n\n${MD}` } },
  { pkg: 'markdown-toc', label: 'stdin as JSON', argv: ['--json', '-'], stdin: MD },
  { pkg: 'doctoc', label: '--help', argv: ['--help'] },
  { pkg: 'doctoc', label: 'writes a TOC into a file', argv: ['a.md'], files: { 'a.md': MD } },
  { pkg: 'doctoc', label: '--stdout', argv: ['--stdout', 'a.md'], files: { 'a.md': MD } },
  { pkg: 'doctoc', label: 'a directory', argv: ['docs', '--notitle'], files: { 'docs/a.md': MD, 'docs/b.md': '# B\n\n## b1\n' } },
];
