/**
 * The CLI's disk access: reading inputs with messages a person can act on, and atomic in-place writes.
 */
import { randomBytes } from 'node:crypto';
import { chmod, open, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../diagnostics.js';
import { defaultReadFile } from '../parse/read-file.js';

/** The reason a read failed, in words (`no such file`, `permission denied`, …). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * `loadApi`'s file reader for the CLI: a missing file is a diagnostic (undefined), any other failure
 * (permissions, I/O) a UserError rather than an internal error.
 */
export function readFileForLoad(absolutePath: string): string | undefined {
  try {
    return defaultReadFile(absolutePath);
  } catch (error) {
    throw new UserError(`cannot read ${absolutePath}: ${describeFsError(error)}`);
  }
}

/**
 * Replaces `file`'s content with `content` atomically: a temporary file in the same directory (same
 * permissions), flushed, then renamed over the target, so a reader or a crash never sees half a file.
 * A symbolic link is followed: the file it points to is replaced and the link kept.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const target = await realpath(file);
  const { mode } = await stat(target);
  await writeViaTemp(target, content, mode & 0o7777);
}

/**
 * Writes `content` to a temporary file beside `target`, flushed, with `mode` when given (exactly, not
 * masked by the umask), then renames it over `target`; the temporary file never outlives a failure.
 */
export async function writeViaTemp(target: string, content: string, mode: number | undefined): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tsctl-tmp`);
  try {
    const handle = await open(temp, 'wx', mode === undefined ? 0o666 : mode & 0o777);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
