import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `--help`: what the command does, its forms and its options, in 80 columns. */
export const HELP = `Usage: run-as-main [options] <script> [--] [args...]
       run-as-main [options] -m <module> [--] [args...]

Runs a Node script in-process, as if it were \`node <script> [args...]\`, with an in-memory
filesystem (nothing it writes reaches the disk), and reports what it did: how it ended, its
stdout and stderr, its top-level bindings, the files it wrote, the traceback when it failed.

Options (before the script; everything after the script is its arguments):
  --json               print the RunResult as JSON instead of the report
  --compare            run it under real node too and show where the two runs
                       differ; exit status 0 when they behave alike, 1 when not
  -m, --module <spec>  run a package or module by name, as \`python -m\` does:
                       a package's bin, else its main, or a path inside it
  --files <dir>        seed the run's filesystem with <dir>'s tree, laid over
                       the run's cwd
  --init <NAME=JSON>   a global the script sees (repeatable): --init N=5
  --fs <mode>          memory (default), overlay (the whole disk readable
                       beneath) or real (no interception: writes reach the disk)
  --timeout <ms>       end the run after <ms> milliseconds (default 4000)
  --cwd <dir>          the run's working directory (default: this one); the
                       script's path is relative to it
  --stdin <file|->     what the script reads on stdin: a file's content, or - for
                       this command's own stdin (default: nothing, end of input)
  -h, --help           print this help
  -v, --version        print the version

Exit status: the script's own (124 at the timeout); with --compare, 0 or 1;
2 when the command line is wrong.
`;

/** The version in the package.json of the package this file belongs to (dist/ or src/cli/). */
export function version(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'run-as-main' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // no package.json here: look further up
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
