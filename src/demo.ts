/** `npm start` (built into dist/demo.js): the demo commands of demo-commands.ts, printed to this terminal. */
import { runDemo } from './demo-commands.js';

await runDemo({ stdout: process.stdout, stderr: process.stderr, env: process.env, readStdin: () => Buffer.alloc(0) });
