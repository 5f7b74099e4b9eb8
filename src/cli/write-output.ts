/**
 * `-o FILE` for commands that print one document (`api openapi`, `api doc`): the file is written
 * atomically (temporary file in the same directory, flushed, renamed over the target), whether it
 * exists already (its permissions are kept, a symbolic link is followed) or not.
 */
import { lstat } from 'node:fs/promises';
import { UserError } from '../diagnostics.js';
import { describeFsError, writeFileAtomic, writeViaTemp } from './files.js';

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
    await writeViaTemp(file, content, undefined);
  } catch (error) {
    throw new UserError(`cannot write ${file}: ${describeFsError(error)}`);
  }
}
