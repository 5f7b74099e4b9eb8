/**
 * `-o FILE` for commands that print one document (`api openapi`, `api doc`): the file is written
 * atomically (temporary file in the same directory, flushed, renamed over the target), whether it
 * exists already (its permissions are kept, a symbolic link is followed) or not.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../diagnostics.js';
import { describeFsError, writeFileAtomic } from './files.js';

export async function writeOutputFile(file: string, content: string): Promise<void> {
  try {
    const exists = await lstat(file).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    if (exists) {
      await writeFileAtomic(file, content);
      return;
    }
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tsctl-tmp`);
    try {
      const handle = await open(temp, 'wx', 0o666);
      try {
        await handle.writeFile(content, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  } catch (error) {
    throw new UserError(`cannot write ${file}: ${describeFsError(error)}`);
  }
}
