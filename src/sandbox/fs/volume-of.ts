import { tmpdir } from 'node:os';
import type { RunState } from '../run-state.js';
import { RunVolume } from './run-volume.js';

/** The run's volume, made on its first filesystem call: a run that touches no file pays nothing. */
export function volumeOf(run: RunState): RunVolume | undefined {
  if (run.options.fs === 'real') return undefined;
  if (!run.volume) {
    // A script's own files are readable in 'memory' mode: its package (or its directory).
    if (run.mainPath) run.readableRoots.add(run.loader.packageDirOf(run.mainPath));
    const volume = new RunVolume(run.options.fs, run.readableRoots);
    if (run.options.files) volume.seed(run.options.files, run.options.cwd);
    volume.ensureDirectory(run.options.cwd);
    volume.ensureDirectory(tmpdir());
    run.volume = volume;
  }
  return run.volume as RunVolume;
}
