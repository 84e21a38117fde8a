import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Suffix of the temporary file an atomic write goes through; leftovers are deleted at open. */
export const TEMP_SUFFIX = '.tmp';

/**
 * Replaces `path` with `data` so a crash leaves either the old or the new content, never a mix:
 * write a temporary file, fsync it, rename over the target, fsync the directory.
 */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  const tmp = path + TEMP_SUFFIX;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dirname(path));
}

/** Makes a directory's entries (created, renamed, deleted files) durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
