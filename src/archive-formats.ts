import { crc32 } from 'node:zlib';
import { unpackTar } from 'modern-tar';
import { fromBufferPromise } from 'yauzl';

/**
 * The archive formats, read by their libraries: tar by modern-tar (header checksums checked),
 * zip by yauzl (CRC-32 of each file checked here). Built into a file of its own
 * (dist/archive-formats.js, tsup.config.ts) that archive.ts imports on a process's first
 * archive, so that the library's import does not pay for it.
 */

export interface ArchiveEntry {
  /** As the archive spells it. */
  name: string;
  kind: 'file' | 'directory' | 'link' | 'other';
  /** The target of a link; what an 'other' entry is (a fifo, a device). */
  detail?: string;
  data?: Uint8Array;
}

/** Thrown for an entry whose name leaves the archive (yauzl refuses to list it). */
export class EscapingEntryError extends Error {
  constructor(readonly entryName: string) {
    super(`the entry ${entryName} escapes the archive`);
  }
}

export async function readTar(bytes: Uint8Array): Promise<ArchiveEntry[]> {
  const entries = await unpackTar(bytes, { strict: true });
  return entries.map(({ header, data }): ArchiveEntry => {
    if (header.type === 'file' || header.type === undefined) return { name: header.name, kind: 'file', data: data ?? new Uint8Array() };
    if (header.type === 'directory') return { name: header.name, kind: 'directory' };
    if (header.type === 'symlink' || header.type === 'link') return { name: header.name, kind: 'link', detail: header.linkname ?? '' };
    return { name: header.name, kind: 'other', detail: header.type };
  });
}

/** yauzl's refusals of a name that leaves the archive. */
const ZIP_ESCAPE = /^(?:absolute path|invalid relative path): (.*)$/s;

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

export async function readZip(bytes: Uint8Array): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  try {
    const zip = await fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      validateEntrySizes: true,
    });
    for await (const entry of zip.eachEntry()) {
      // The file type is in the high half of the external attributes when made on Unix (host 3).
      const mode = entry.versionMadeBy >> 8 === 3 ? (entry.externalFileAttributes >>> 16) & S_IFMT : 0;
      if (entry.fileName.endsWith('/') || mode === S_IFDIR) {
        entries.push({ name: entry.fileName, kind: 'directory' });
        continue;
      }
      const data = Buffer.concat(await (await zip.openReadStreamPromise(entry)).toArray());
      if (crc32(data) !== entry.crc32) throw new Error(`the CRC-32 of ${entry.fileName} does not match its content`);
      if (mode === S_IFLNK) entries.push({ name: entry.fileName, kind: 'link', detail: data.toString() });
      else if (mode !== 0 && mode !== S_IFREG) entries.push({ name: entry.fileName, kind: 'other', detail: `mode ${mode.toString(8)}` });
      else entries.push({ name: entry.fileName, kind: 'file', data });
    }
  } catch (error) {
    const refused = ZIP_ESCAPE.exec((error as Error).message);
    throw refused ? new EscapingEntryError(refused[1]!) : error;
  }
  return entries;
}
