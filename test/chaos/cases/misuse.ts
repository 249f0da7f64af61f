/**
 * Misuse of the API (SPEC §8): thrown at once as a RunAsMainUsageError naming the option, what was
 * expected and what came — never a run that goes ahead on nonsense, a raw error from deep inside,
 * or a silent empty answer. Where node has a say (spawning with a cwd that is a file fails with
 * ENOTDIR), the usage error stands for it. Then the real disk, reached in memory mode.
 */
import type { ChaosCase } from '../chaos-case.js';

const SCRIPT = { 'main.js': "console.log('ran');\n" };

const misuse = (name: string, call: string, usageError: RegExp, files: Record<string, string> = SCRIPT): ChaosCase => ({
  name,
  family: 'misuse',
  files,
  call,
  expect: { usageError },
});

const PLUGINS = { 'plugin_a.js': 'function hello() { return 1; }\n', 'other.js': '' };

export const misuseCases: ChaosCase[] = [
  misuse('cwd naming a file, in memory mode', 'runAsMain(entry, { cwd: entry })', /`cwd`.*not a directory|`cwd`.*file/),
  misuse("cwd naming a file, with fs: 'real'", "runAsMain(entry, { cwd: entry, fs: 'real' })", /`cwd`.*not a directory|`cwd`.*file/),
  misuse("a missing cwd with fs: 'real'", "runAsMain(entry, { cwd: dir + '/missing', fs: 'real' })", /`cwd`.*(does not exist|no such)/),
  misuse("the files key '' (the cwd itself)", "runAsMain(entry, { cwd: dir, files: { '': 'x' } })", /`files`/),
  misuse("the files key '.' (the cwd itself)", "runAsMain(entry, { cwd: dir, files: { '.': 'x' } })", /`files`/),
  misuse('a files key holding a NUL byte', "runAsMain(entry, { cwd: dir, files: { 'a\\0b': 'x' } })", /`files`/),
  misuse("the files keys 'a' and 'a/b' together", "runAsMain(entry, { cwd: dir, files: { a: 'file', 'a/b': 'under a file' } })", /`files`.*"a".*"a\/b"|`files`.*"a\/b".*"a"/),
  misuse("the files keys 'a/' (a directory) and 'a' (a file)", "runAsMain(entry, { cwd: dir, files: { 'a/': null, a: 'file' } })", /`files`.*"a"/),
  misuse('loadPlugin with null as its api', 'loadPlugin(entry, null, { cwd: dir })', /api/, PLUGINS),
  misuse('loadPlugin with an array as its api', 'loadPlugin(entry, [1], { cwd: dir })', /api/, PLUGINS),
  misuse('loadPluginsFromDir with a number as its pattern', 'loadPluginsFromDir(dir, {}, { pattern: 5 })', /pattern/, PLUGINS),
  misuse('loadPluginsFromDir with a misspelt option', "loadPluginsFromDir(dir, {}, { patern: '*.js' })", /patern/, PLUGINS),
  misuse('loadPluginsFromDir with a string as its api', "loadPluginsFromDir(dir, 'abc', {})", /api/, PLUGINS),
  misuse('timeout NaN', 'runAsMain(entry, { cwd: dir, timeout: NaN })', /`timeout`/),
  misuse('timeout as a string', "runAsMain(entry, { cwd: dir, timeout: '100' })", /`timeout`/),
  misuse('options null', 'runAsMain(entry, null)', /options/),
  misuse('argv as a string', "runAsMain(entry, { cwd: dir, argv: '--flag' })", /`argv`/),
  misuse('stdin as a number', 'runAsMain(entry, { cwd: dir, stdin: 5 })', /`stdin`/),
  misuse("cwd ''", "runAsMain(entry, { cwd: '' })", /`cwd`/),
  misuse('runSource with a number as its source', "runSource(5, { cwd: dir, filename: 'x.js' })", /source/),
  misuse('extractGlobals with a string of names', "extractGlobals(entry, 'x', { cwd: dir })", /names/),
  misuse("runModule('')", "runModule('', { cwd: dir })", /specifier/),
  misuse('mocks as a number', 'runAsMain(entry, { cwd: dir, mocks: 5 })', /`mocks`/),
  misuse('an initGlobals key the engine reserves (__rm)', 'runAsMain(entry, { cwd: dir, initGlobals: { __rm: 1 } })', /initGlobals.*"__rm"/),
  {
    name: 'require("v8").writeHeapSnapshot in memory mode does not write the real disk',
    family: 'disk',
    files: {
      'main.js':
        "const path = require('node:path');\nconst name = require('node:v8').writeHeapSnapshot(path.join(__dirname, 'snap.heapsnapshot'));\nconsole.log(path.basename(name));\n",
    },
    absent: ['snap.heapsnapshot'],
  },
  {
    name: 'a net server listening on a unix socket path in memory mode: the socket file is where the script looks',
    family: 'disk',
    files: {
      'main.js':
        "const socket = require('node:path').join(__dirname, 'chaos.sock');\nconst server = require('node:net').createServer();\nserver.listen(socket, () => {\n  console.log('listening, the socket file exists:', require('node:fs').existsSync(socket));\n  server.close();\n});\n",
    },
  },
];
