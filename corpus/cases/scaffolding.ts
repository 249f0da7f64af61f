/** Scaffolding tools that read their own templates, and prompts answered through stdin. */
import type { Invocation } from '../harness.js';

export const cases: Invocation[] = [
  // create-vite: mri, its templates are its own assets
  { pkg: 'create-vite', label: '--help', argv: ['--help'] },
  { pkg: 'create-vite', label: 'a vanilla project', argv: ['my-app', '--template', 'vanilla'] },
  { pkg: 'create-vite', label: 'a vanilla-ts project, no arguments left to ask', argv: ['ts-app', '--template', 'vanilla-ts', '--no-interactive'] },
  { pkg: 'create-vite', label: 'an unknown template', argv: ['x', '--template', 'nope'] },
  { pkg: 'create-vite', label: 'into a directory that is not empty', argv: ['full', '--template', 'vanilla', '--no-interactive'], files: { 'full/keep.txt': 'keep\n' } },

  // create-vue: @clack/prompts answered through stdin
  { pkg: 'create-vue', label: '--help', argv: ['--help'] },
  { pkg: 'create-vue', label: '--version', argv: ['--version'] },
  { pkg: 'create-vue', label: 'the default project', argv: ['vue-app', '--default'] },
  { pkg: 'create-vue', label: 'a bare TypeScript project', argv: ['bare-app', '--ts', '--bare'] },
  { pkg: 'create-vue', label: 'the project name typed at the prompt', stdin: 'my-vue\r' },
  { pkg: 'create-vue', label: 'the prompt cancelled by the end of input', stdin: '' },

  // @napi-rs/cli: clipanion; `napi new` prompts through inquirer
  { pkg: '@napi-rs/cli', label: '--help', argv: ['--help'] },
  { pkg: '@napi-rs/cli', label: '--version', argv: ['--version'] },
  { pkg: '@napi-rs/cli', label: 'an unknown command', argv: ['frobnicate'] },
  { pkg: '@napi-rs/cli', label: 'new: the package name typed at the prompt', argv: ['new'], stdin: '@x/my-pkg\n' },
  { pkg: '@napi-rs/cli', label: 'help of one command', argv: ['build', '--help'] },
];
