// Every file stagebisect writes for the user goes through here: written beside its target under a name
// no other writer uses, flushed, then renamed over it. A reader (or a run killed mid-write) sees the old
// file whole or the new one whole, never a torn one.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** Permission bits of the file (default 0o644): 0o755 for a script a Dockerfile runs. */
  readonly mode?: number;
}

export async function writeFileAtomic(
  file: string,
  data: string | Buffer,
  options: AtomicWriteOptions = {},
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const mode = options.mode ?? 0o644;
    const handle = await open(temporary, 'w', mode);
    try {
      await handle.writeFile(data);
      // The umask may have taken bits the file needs (an executable script).
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** JSON with a trailing newline, two-space indented: what a person or a diff reads. */
export function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}
