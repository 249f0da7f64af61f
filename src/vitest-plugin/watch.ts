import { existsSync } from 'node:fs';
import { LOADED_FILES_META } from './provided.js';

/** The little of vite's module graph this needs (vite 7 and 8 alike). */
interface ModuleNode {
  file: string | null;
  importers: Set<ModuleNode>;
  importedModules: Set<ModuleNode>;
}
interface ModuleGraph {
  getModulesByFile(file: string): Set<ModuleNode> | undefined;
  createFileOnlyEntry(file: string): ModuleNode;
}
export interface WatchedProject {
  vite: { environments: Record<string, { moduleGraph: ModuleGraph }> };
}
export interface FinishedTestModule {
  moduleId: string;
  project: WatchedProject;
  meta(): Record<string, unknown>;
}

/**
 * A reporter that tells vite's module graph which files the runs of a test file loaded: each
 * becomes an import of the test file, so that vitest's watch mode reruns the test file when one
 * changes, as it does for a module the test imported. vite renews a test file's imports when it
 * transforms it again, so each run of the file links them anew.
 */
export class LoadedFilesReporter {
  onTestModuleEnd(testModule: FinishedTestModule): void {
    const files = testModule.meta()[LOADED_FILES_META];
    if (!Array.isArray(files) || files.length === 0) return;
    for (const environment of Object.values(testModule.project.vite.environments)) {
      const graph = environment.moduleGraph;
      const testNodes = graph.getModulesByFile(testModule.moduleId);
      if (!testNodes || testNodes.size === 0) continue;
      for (const file of files) {
        if (typeof file !== 'string' || file === testModule.moduleId || file.includes('/node_modules/')) continue;
        if (!existsSync(file)) continue; // a file of a run's in-memory volume
        const [existing] = graph.getModulesByFile(file) ?? [];
        const node = existing ?? graph.createFileOnlyEntry(file);
        for (const testNode of testNodes) {
          node.importers.add(testNode);
          testNode.importedModules.add(node);
        }
      }
    }
  }
}
