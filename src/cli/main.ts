#!/usr/bin/env node
/**
 * The `run-as-main` command (package.json `bin`, built into dist/cli.js): the process's
 * arguments, streams and environment handed to `runCli`, its answer the exit status.
 */
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2));
