/** Large tools: a linter with a config file, bundlers, formatters, compilers, minifiers. */
import type { Invocation } from '../harness.js';

const UGLY_JS = 'const  a = {b:1,\n  c : [1,2,3]}\nfunction   f ( x ){return x*2}\nconsole.log( f(a.b) )\n';
const ESLINT_CONFIG = 'export default [{ rules: { "no-undef": "error", semi: ["error", "always"], "no-unused-vars": "error", quotes: ["error", "single"] } }];\n';
const CSS = 'a { color: #FF0000; margin: 0px 0px 0px 0px; }\n\n\nb{font-weight:bold}\n';
const SCSS = '$c: red;\n.a { .b { color: $c; } &:hover { color: darken($c, 10%); } }\n';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><!-- c --><g><rect x="0" y="0" width="10" height="10" fill="#ff0000"/></g></svg>\n';
const HTML = '<!DOCTYPE html>\n<html>\n  <head> <title> T </title> </head>\n  <body>\n    <!-- note -->\n    <p class="a"   id="b"> Hello   <b> world </b> </p>\n  </body>\n</html>\n';

export const cases: Invocation[] = [
  // prettier: its bin loads the CLI through import() inside new Function
  { pkg: 'prettier', label: '--version', argv: ['--version'], known: 'import-in-eval' },
  { pkg: 'prettier', label: 'formats stdin', argv: ['--stdin-filepath', 'x.js'], stdin: UGLY_JS, known: 'import-in-eval' },
  { pkg: 'prettier', label: '--check on an unformatted file', argv: ['--check', 'a.js'], files: { 'a.js': UGLY_JS }, known: 'import-in-eval' },
  { pkg: 'prettier', label: '--write with a config file', argv: ['--write', 'a.js', 'b.css'], files: { 'a.js': UGLY_JS, 'b.css': CSS, '.prettierrc': '{ "semi": false, "singleQuote": true }\n' }, known: 'import-in-eval' },
  { pkg: 'prettier', label: 'a syntax error', argv: ['--stdin-filepath', 'x.ts'], stdin: 'let x: = 1', known: 'import-in-eval' },
  { pkg: 'prettier', label: '--help', argv: ['--help'], known: 'import-in-eval' },

  // eslint: flat config from the volume
  { pkg: 'eslint', label: '--version', argv: ['--version'] },
  { pkg: 'eslint', label: '--help', argv: ['--help'] },
  { pkg: 'eslint', label: 'reports problems', argv: ['a.js'], files: { 'a.js': 'let a = "x"\nconsole.log(b)\n', 'eslint.config.js': ESLINT_CONFIG } },
  { pkg: 'eslint', label: '--fix writes the file', argv: ['--fix', 'a.js'], files: { 'a.js': 'const a = "x"\nexport { a }\n', 'eslint.config.js': ESLINT_CONFIG } },
  { pkg: 'eslint', label: 'a clean file', argv: ['ok.js'], files: { 'ok.js': "export const ok = 'yes';\n", 'eslint.config.js': ESLINT_CONFIG } },
  { pkg: 'eslint', label: 'stdin with the JSON formatter', argv: ['--stdin', '--stdin-filename', 'x.js', '--format', 'json'], stdin: 'var x = "y"\n', files: { 'eslint.config.js': ESLINT_CONFIG } },
  { pkg: 'eslint', label: 'no config file', argv: ['a.js'], files: { 'a.js': 'x\n' } },

  // rollup: a bundler, native parser
  { pkg: 'rollup', label: '--version', argv: ['--version'] },
  { pkg: 'rollup', label: 'bundles to stdout', argv: ['src/main.js', '--format', 'cjs'], files: { 'src/main.js': "import { sq } from './math.js';\nexport default sq(3);\n", 'src/math.js': 'export const sq = (x) => x * x;\nexport const unused = 1;\n' } },
  { pkg: 'rollup', label: 'a config file, writes dist', argv: ['-c', '--silent'], files: { 'rollup.config.mjs': "export default { input: 'main.js', output: { file: 'dist/bundle.js', format: 'es' } };\n", 'main.js': "import a from './a.js';\nconsole.log(a);\n", 'a.js': 'export default 42;\n' } },
  { pkg: 'rollup', label: 'a missing import', argv: ['main.js', '--format', 'es'], files: { 'main.js': "import x from './nope.js';\nconsole.log(x);\n" } },
  { pkg: 'rollup', label: 'no input', argv: [] },

  // browserify: subarg
  { pkg: 'browserify', label: '--version', argv: ['--version'] },
  { pkg: 'browserify', label: 'bundles to stdout', argv: ['main.js'], files: { 'main.js': "var a = require('./a');\nconsole.log(a(2));\n", 'a.js': 'module.exports = function (n) { return n + 1; };\n' } },
  { pkg: 'browserify', label: 'writes an output file', argv: ['main.js', '-o', 'bundle.js'], files: { 'main.js': "console.log('hi');\n" } },
  { pkg: 'browserify', label: 'a missing module', argv: ['main.js'], files: { 'main.js': "require('./missing');\n" } },

  // sass (dart2js), less, stylus: CSS compilers
  { pkg: 'sass', label: '--version', argv: ['--version'] },
  { pkg: 'sass', label: 'compiles to stdout', argv: ['s.scss'], files: { 's.scss': SCSS } },
  { pkg: 'sass', label: 'writes a file without a map', argv: ['--no-source-map', 's.scss', 'out/s.css'], files: { 's.scss': SCSS } },
  { pkg: 'sass', label: 'stdin, compressed', argv: ['--stdin', '--style=compressed'], stdin: SCSS },
  { pkg: 'sass', label: 'a syntax error', argv: ['bad.scss'], files: { 'bad.scss': '.a { color: ; \n' } },
  { pkg: 'less', label: '--version', argv: ['--version'] },
  { pkg: 'less', label: 'compiles to stdout', argv: ['a.less'], files: { 'a.less': '@c: #f00;\n.a { .b { color: @c; } }\n' } },
  { pkg: 'less', label: 'writes a file with an import', argv: ['a.less', 'out.css'], files: { 'a.less': "@import 'b';\n.a { color: @c; }\n", 'b.less': '@c: blue;\n' } },
  { pkg: 'less', label: 'stdin', argv: ['-'], stdin: '.m(@x) { width: @x }\n.a { .m(2px); }\n' },
  { pkg: 'less', label: 'a syntax error', argv: ['bad.less'], files: { 'bad.less': '.a { color: @undefined; }\n' } },
  { pkg: 'stylus', label: '--version', argv: ['--version'] },
  { pkg: 'stylus', label: 'compiles stdin', stdin: 'a\n  color red\n  .b\n    margin 1px\n' },
  { pkg: 'stylus', label: 'compiles a file to an output directory', argv: ['a.styl', '--out', 'css'], files: { 'a.styl': 'c = blue\np\n  color c\n' } },
  { pkg: 'stylus', label: '--print a file', argv: ['--print', 'a.styl'], files: { 'a.styl': 'p\n  padding 1px 2px\n' } },

  // postcss-cli (yargs), clean-css-cli, csso-cli (commander)
  { pkg: 'postcss-cli', label: '--version', argv: ['--version'] },
  { pkg: 'postcss-cli', label: '--help', argv: ['--help'] },
  { pkg: 'postcss-cli', label: 'no plugins, writes a file', argv: ['in.css', '-o', 'out.css', '--no-map'], files: { 'in.css': CSS } },
  { pkg: 'postcss-cli', label: 'a config file with an inline plugin', argv: ['in.css', '-o', 'out.css', '--no-map'], files: { 'in.css': CSS, 'postcss.config.js': "module.exports = { plugins: [{ postcssPlugin: 'up', Declaration(d) { d.prop = d.prop.toUpperCase(); } }] };\n" } },
  { pkg: 'postcss-cli', label: 'a CSS syntax error', argv: ['bad.css', '-o', 'out.css'], files: { 'bad.css': 'a { color: red\n' } },
  { pkg: 'clean-css-cli', label: '--version', argv: ['--version'] },
  { pkg: 'clean-css-cli', label: 'minifies a file', argv: ['in.css'], files: { 'in.css': CSS } },
  { pkg: 'clean-css-cli', label: 'level 2 into a file', argv: ['-O2', '-o', 'min.css', 'in.css'], files: { 'in.css': CSS } },
  { pkg: 'clean-css-cli', label: 'stdin', stdin: CSS },
  { pkg: 'csso-cli', label: '--version', argv: ['--version'] },
  { pkg: 'csso-cli', label: 'minifies a file', argv: ['in.css'], files: { 'in.css': CSS } },
  { pkg: 'csso-cli', label: 'stdin into a file', argv: ['-o', 'out.css'], stdin: CSS },

  // stylelint: meow, a config file
  { pkg: 'stylelint', label: '--version', argv: ['--version'] },
  { pkg: 'stylelint', label: 'reports problems', argv: ['a.css'], files: { 'a.css': 'a { color: #fffz; }\nb { }\n', '.stylelintrc.json': '{ "rules": { "color-no-invalid-hex": true, "block-no-empty": true } }\n' } },
  { pkg: 'stylelint', label: 'a clean file', argv: ['ok.css'], files: { 'ok.css': 'a { color: #fff; }\n', '.stylelintrc.json': '{ "rules": { "color-no-invalid-hex": true } }\n' } },
  { pkg: 'stylelint', label: 'stdin with the JSON formatter', argv: ['--stdin-filename', 'x.css', '--formatter', 'json'], stdin: 'a { color: #ggg; }\n', files: { '.stylelintrc.json': '{ "rules": { "color-no-invalid-hex": true } }\n' } },
  { pkg: 'stylelint', label: 'no config', argv: ['a.css'], files: { 'a.css': 'a {}\n' } },

  // terser (commander, ESM), @babel/cli (commander), typescript (by hand)
  { pkg: 'terser', label: '--version', argv: ['--version'] },
  { pkg: 'terser', label: 'compresses and mangles a file', argv: ['a.js', '-c', '-m'], files: { 'a.js': UGLY_JS } },
  { pkg: 'terser', label: 'stdin into a file', argv: ['-o', 'out.js', '--comments', 'all'], stdin: '/* keep */ var a = 1;\n' },
  { pkg: 'terser', label: 'a syntax error', argv: ['bad.js'], files: { 'bad.js': 'var = ;\n' } },
  { pkg: '@babel/cli', bin: 'babel', label: '--version', argv: ['--version'] },
  { pkg: '@babel/cli', bin: 'babel', label: 'transforms a file with no config', argv: ['a.js'], files: { 'a.js': 'const f = (x) => x ** 2;\n' } },
  { pkg: '@babel/cli', bin: 'babel', label: 'a directory into another, quiet', argv: ['src', '-d', 'lib', '--quiet'], files: { 'src/a.js': 'export const a = 1;\n', 'src/b/c.js': 'class C { #p = 1 }\n', 'babel.config.json': '{ "comments": false }\n' } },
  { pkg: '@babel/cli', bin: 'babel', label: 'stdin with a filename', argv: ['--filename', 'x.js'], stdin: 'let y = async () => await 1;\n' },
  { pkg: '@babel/cli', bin: 'babel', label: 'a syntax error', argv: ['bad.js'], files: { 'bad.js': 'let = ;\n' } },
  { pkg: 'typescript', bin: 'tsc', label: '--version', argv: ['--version'] },
  { pkg: 'typescript', bin: 'tsc', label: 'compiles a project', argv: ['-p', '.'], files: { 'tsconfig.json': '{ "compilerOptions": { "outDir": "out", "strict": true, "target": "es2020", "module": "commonjs", "types": [] }, "include": ["src"] }\n', 'src/a.ts': 'export const add = (a: number, b: number): number => a + b;\n', 'src/b.ts': "import { add } from './a';\nexport const three: number = add(1, 2);\n" } },
  { pkg: 'typescript', bin: 'tsc', label: 'a type error', argv: ['--noEmit', '--types', '', 'bad.ts'], files: { 'bad.ts': 'const n: number = "one";\n' } },
  { pkg: 'typescript', bin: 'tsc', label: 'a missing file', argv: ['nope.ts'] },

  // svgo, html-minifier-terser (commander, ESM), js-beautify (nopt): three bins
  { pkg: 'svgo', label: '--version', argv: ['--version'] },
  { pkg: 'svgo', label: 'optimises to stdout', argv: ['i.svg', '-o', '-'], files: { 'i.svg': SVG } },
  { pkg: 'svgo', label: 'a string argument', argv: ['--string', SVG, '--pretty'] },
  { pkg: 'svgo', label: 'a folder, quiet', argv: ['-f', 'icons', '-o', 'min', '--quiet'], files: { 'icons/a.svg': SVG, 'icons/b.svg': SVG.replace('#ff0000', 'blue') } },
  { pkg: 'svgo', label: 'a broken SVG', argv: ['bad.svg', '-o', '-'], files: { 'bad.svg': '<svg><g></svg>\n' } },
  { pkg: 'html-minifier-terser', label: '--version', argv: ['--version'] },
  { pkg: 'html-minifier-terser', label: 'minifies a file', argv: ['--collapse-whitespace', '--remove-comments', 'a.html'], files: { 'a.html': HTML } },
  { pkg: 'html-minifier-terser', label: 'stdin into a file', argv: ['--collapse-whitespace', '-o', 'min.html'], stdin: HTML },
  { pkg: 'js-beautify', bin: 'js-beautify', label: '--version', argv: ['--version'] },
  { pkg: 'js-beautify', bin: 'js-beautify', label: 'beautifies a file', argv: ['a.js'], files: { 'a.js': UGLY_JS } },
  { pkg: 'js-beautify', bin: 'js-beautify', label: 'replaces a file in place', argv: ['-r', '-s', '2', 'a.js'], files: { 'a.js': UGLY_JS } },
  { pkg: 'js-beautify', bin: 'css-beautify', label: 'css-beautify stdin', stdin: CSS },
  { pkg: 'js-beautify', bin: 'html-beautify', label: 'html-beautify a file', argv: ['a.html'], files: { 'a.html': HTML } },
];
