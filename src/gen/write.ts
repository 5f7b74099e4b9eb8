/**
 * Applies a Plan to an output directory: the only place a generator run touches the disk.
 *
 * - A `generated` entry is written when it is missing or its bytes (or requested mode) differ; an
 *   identical file is not touched, so its mtime stays.
 * - A `user` entry is written only when the file is missing; an existing one is `kept`, never read
 *   and never written, whatever the options.
 * - All-or-nothing: every entry is checked against the disk before the first write (paths, symbolic
 *   links, files in the way); each file is written to a temporary file in its own directory and
 *   renamed over the target; if any step fails, the files this run created are removed, the files it
 *   replaced are restored from their previous bytes (kept in memory) and the directories it created
 *   are removed, then a UserError is thrown. (Not protected: another process writing the same tree
 *   at the same time, or a crash of the machine in the middle of a run.)
 * - Nothing outside `outDir`: a symbolic link on the way to an entry must resolve inside `outDir`
 *   (checked with realpath), and a symbolic link at a generated entry's own path is refused rather
 *   than replaced or followed.
 * - `dryRun` and `check` write nothing and return the report of what a real run would do;
 *   `report.drift` lists the generated files that are missing or differ (`--check` exits 1 on it).
 *   `dryRun` also refuses what a real run would refuse; `check` only compares.
 * - `force` permits two things a real run otherwise refuses: writing into an existing, non-empty
 *   directory that holds none of the plan's files (a directory that does not look like this
 *   service's output), and replacing an existing file at a generated path that does not start with
 *   the generated-file header (a file tsctl did not write, or one a user took over). It never
 *   overwrites a user-owned file.
 *
 * See docs/generation.md.
 */
import { randomBytes } from 'node:crypto';
import * as syncFs from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { UserError } from '../diagnostics.js';
import { GENERATED_NOTICE, ownerFromHeader } from '../ownership.js';
import { checkPlan, type Plan, type PlanEntry, sortPlan } from './plan.js';

/**
 * The file system operations writePlan uses; tests pass one that fails on purpose. They are
 * synchronous: a run writes hundreds of small files, and sync calls are about twice as fast here as
 * promise-based ones (measured: 1,123 files in 0.25 s against 0.55 s), with nothing else to overlap.
 */
export interface WriteFs {
  lstat(file: string): Stats;
  readFile(file: string): Buffer;
  readdir(dir: string): string[];
  realpath(file: string): string;
  stat(file: string): Stats;
  mkdir(dir: string): void;
  rmdir(dir: string): void;
  /** Opens a new file for writing, failing if it exists (flags 'wx'); returns its descriptor. */
  open(file: string, flags: 'wx'): number;
  write(fd: number, content: Buffer): void;
  fsync(fd: number): void;
  close(fd: number): void;
  chmod(file: string, mode: number): void;
  rename(from: string, to: string): void;
  unlink(file: string): void;
}

export const nodeWriteFs: WriteFs = {
  lstat: (file) => syncFs.lstatSync(file),
  readFile: (file) => syncFs.readFileSync(file),
  readdir: (dir) => syncFs.readdirSync(dir),
  realpath: (file) => syncFs.realpathSync(file),
  stat: (file) => syncFs.statSync(file),
  mkdir: (dir) => syncFs.mkdirSync(dir),
  rmdir: (dir) => syncFs.rmdirSync(dir),
  open: (file, flags) => syncFs.openSync(file, flags),
  write: (fd, content) => {
    for (let offset = 0; offset < content.length; ) offset += syncFs.writeSync(fd, content, offset);
  },
  fsync: (fd) => syncFs.fsyncSync(fd),
  close: (fd) => syncFs.closeSync(fd),
  chmod: (file, mode) => syncFs.chmodSync(file, mode),
  rename: (from, to) => syncFs.renameSync(from, to),
  unlink: (file) => syncFs.unlinkSync(file),
};

export interface WriteOptions {
  /** Write nothing; report what would be written (and refuse what a real run would refuse). */
  readonly dryRun?: boolean;
  /** Write nothing; report, with `drift` listing generated files that are missing or differ. */
  readonly check?: boolean;
  /** See the module comment: permits a foreign non-empty directory and replacing foreign files. */
  readonly force?: boolean;
  /** The file system; nodeWriteFs (node:fs) unless given. */
  readonly fs?: WriteFs;
  /**
   * The contract files read (absolute or relative to the working directory): a folder that holds
   * only these — `tsctl gen api -o .` next to `user.api`, goctl's habit — counts as empty.
   */
  readonly contracts?: readonly string[];
}

/** Plan paths by what happened to them (or would happen, with dryRun/check), each sorted. */
export interface WriteReport {
  /** Files that did not exist. */
  created: string[];
  /** Generated files whose content (or mode) changed. */
  updated: string[];
  /** Generated files already identical on disk: not touched. */
  unchanged: string[];
  /** User-owned files that exist: never touched. */
  kept: string[];
  /** Generated files that are missing or differ from the plan: what `--check` fails on. */
  drift: string[];
}

type Action =
  | { readonly kind: 'create'; readonly entry: PlanEntry; readonly file: string }
  | {
      readonly kind: 'update';
      readonly entry: PlanEntry;
      readonly file: string;
      readonly previous: Buffer;
      readonly previousMode: number;
    }
  | { readonly kind: 'unchanged' | 'kept'; readonly entry: PlanEntry };

type WriteAction = Extract<Action, { kind: 'create' | 'update' }>;

interface OutDir {
  /** The output directory's real path (symbolic links resolved), existing or not. */
  readonly real: string;
  readonly existed: boolean;
  /** Directories to create, parents first, absolute. */
  readonly missing: readonly string[];
}

interface Staged {
  readonly actions: readonly Action[];
  /** Directories this run must create, parents first, absolute (the output directory's included). */
  readonly directories: readonly string[];
  /** Generated paths whose existing file lacks the generated header. */
  readonly foreign: readonly string[];
}

export async function writePlan(plan: Plan, outDir: string, options: WriteOptions = {}): Promise<WriteReport> {
  checkPlan(plan);
  const fs = options.fs ?? nodeWriteFs;
  const root = await resolveOutDir(fs, outDir);
  const staged = await stage(fs, sortPlan(plan), root);
  const report = reportOf(staged.actions);
  if (options.check === true) return report;
  const writes = staged.actions.filter((action): action is WriteAction => action.kind === 'create' || action.kind === 'update');
  if (options.force !== true && writes.length > 0) await refuseUnsafe(fs, outDir, root, staged, contractSet(fs, options.contracts ?? []));
  if (options.dryRun === true || writes.length === 0) return report;
  await apply(fs, staged.directories, writes);
  return report;
}

function reportOf(actions: readonly Action[]): WriteReport {
  const report: WriteReport = { created: [], updated: [], unchanged: [], kept: [], drift: [] };
  for (const action of actions) {
    const filePath = action.entry.path;
    if (action.kind === 'create') report.created.push(filePath);
    else if (action.kind === 'update') report.updated.push(filePath);
    else if (action.kind === 'unchanged') report.unchanged.push(filePath);
    else report.kept.push(filePath);
    if ((action.kind === 'create' || action.kind === 'update') && action.entry.owner === 'generated') report.drift.push(filePath);
  }
  return report;
}

async function resolveOutDir(fs: WriteFs, outDir: string): Promise<OutDir> {
  const missing: string[] = [];
  let current = path.resolve(outDir);
  for (;;) {
    let real: string;
    try {
      real = fs.realpath(current);
    } catch (error) {
      const parent = path.dirname(current);
      if (errorCode(error) !== 'ENOENT' || parent === current) throw new UserError(`cannot use output directory ${outDir}: ${reason(error)}`);
      missing.unshift(path.basename(current));
      current = parent;
      continue;
    }
    if (!(fs.stat(real)).isDirectory()) {
      throw new UserError(`cannot use output directory ${outDir}: ${current} is not a directory`);
    }
    const directories = missing.map((_, i) => path.join(real, ...missing.slice(0, i + 1)));
    return { real: path.join(real, ...missing), existed: missing.length === 0, missing: directories };
  }
}

/** Compares every entry with the disk; throws a UserError for anything that blocks writing it. */
async function stage(fs: WriteFs, plan: Plan, root: OutDir): Promise<Staged> {
  const directoryExists = new Map<string, boolean>();
  const directories = [...root.missing];
  const actions: Action[] = [];
  const foreign: string[] = [];
  for (const entry of plan) {
    const segments = entry.path.split('/');
    let parentExists = root.existed;
    for (let i = 1; i < segments.length; i += 1) {
      const relative = segments.slice(0, i).join('/');
      let exists = directoryExists.get(relative);
      if (exists === undefined) {
        exists = parentExists && (await directoryOnDisk(fs, root, relative, entry.path));
        directoryExists.set(relative, exists);
        if (!exists) directories.push(path.join(root.real, ...segments.slice(0, i)));
      }
      parentExists = exists;
    }
    const file = path.join(root.real, ...segments);
    const stats = parentExists ? await lstatIfExists(fs, file) : undefined;
    if (stats === undefined) {
      actions.push({ kind: 'create', entry, file });
    } else if (entry.owner === 'user') {
      actions.push({ kind: 'kept', entry });
    } else {
      if (stats.isSymbolicLink()) throw new UserError(`cannot write ${entry.path}: it is a symbolic link (tsctl does not replace links)`);
      if (!stats.isFile()) throw new UserError(`cannot write ${entry.path}: it exists and is not a regular file`);
      const previous = await readExisting(fs, file, entry.path);
      const previousMode = stats.mode & 0o7777;
      const sameMode = entry.mode === undefined || (previousMode & 0o777) === entry.mode;
      if (sameMode && previous.equals(Buffer.from(entry.content, 'utf8'))) {
        actions.push({ kind: 'unchanged', entry });
      } else {
        actions.push({ kind: 'update', entry, file, previous, previousMode });
        if (isForeign(entry, previous)) foreign.push(entry.path);
      }
    }
  }
  return { actions, directories, foreign };
}

/** Whether `relative` (a directory on the way to `entryPath`) exists; refuses links leaving the root. */
async function directoryOnDisk(fs: WriteFs, root: OutDir, relative: string, entryPath: string): Promise<boolean> {
  const absolute = path.join(root.real, ...relative.split('/'));
  const stats = await lstatIfExists(fs, absolute);
  if (stats === undefined) return false;
  if (stats.isDirectory()) return true;
  if (stats.isSymbolicLink()) {
    let target: string;
    try {
      target = fs.realpath(absolute);
    } catch (error) {
      throw new UserError(`cannot write ${entryPath}: ${relative} is a symbolic link that cannot be resolved (${reason(error)})`);
    }
    if (!isInside(root.real, target)) {
      throw new UserError(`cannot write ${entryPath}: ${relative} is a symbolic link to ${target}, outside the output directory`);
    }
    if ((fs.stat(target)).isDirectory()) return true;
  }
  throw new UserError(`cannot write ${entryPath}: ${relative} exists and is not a directory`);
}

/**
 * An existing file at a generated path that tsctl would not recognise as its own: the planned content
 * carries the generated header (so the file type has one) but the file on disk does not.
 */
function isForeign(entry: PlanEntry, previous: Buffer): boolean {
  if (!entry.content.split('\n', 3).some((line) => line.includes(GENERATED_NOTICE))) return false;
  return ownerFromHeader(entry.path, previous.toString('utf8')) !== 'generated';
}

/** The real paths of the contract files that exist. */
function contractSet(fs: WriteFs, contracts: readonly string[]): Set<string> {
  const real = new Set<string>();
  for (const file of contracts) {
    try {
      real.add(fs.realpath(path.resolve(file)));
    } catch {
      // A contract that cannot be resolved is not in the folder.
    }
  }
  return real;
}

/** Whether `dir` holds nothing but contract files (in any depth of folders). */
function onlyContracts(fs: WriteFs, dir: string, contracts: ReadonlySet<string>): boolean {
  return fs.readdir(dir).every((name) => {
    const full = path.join(dir, name);
    const stats = fs.lstat(full);
    if (stats.isDirectory()) return onlyContracts(fs, full, contracts);
    return stats.isFile() && contracts.has(full);
  });
}

async function refuseUnsafe(fs: WriteFs, outDir: string, root: OutDir, staged: Staged, contracts: ReadonlySet<string>): Promise<void> {
  if (staged.foreign.length > 0) {
    throw new UserError(
      `refusing to replace ${staged.foreign.length === 1 ? 'a file' : 'files'} without the generated-file header ` +
        `(tsctl did not write ${staged.foreign.length === 1 ? 'it' : 'them'}): ${staged.foreign.join(', ')}; ` +
        'move them away or use --force',
    );
  }
  if (!root.existed || staged.actions.some((action) => action.kind !== 'create')) return;
  if (!onlyContracts(fs, root.real, contracts)) {
    throw new UserError(`refusing to generate into ${outDir}: it is not empty and holds none of the files to generate; use --force`);
  }
}

/** Creates the directories, then writes every file; on failure undoes everything done so far. */
async function apply(fs: WriteFs, directories: readonly string[], writes: readonly WriteAction[]): Promise<void> {
  const createdDirectories: string[] = [];
  const written: WriteAction[] = [];
  let failedPath = '';
  try {
    for (const directory of directories) {
      failedPath = directory;
      fs.mkdir(directory);
      createdDirectories.push(directory);
    }
    for (const action of writes) {
      failedPath = action.entry.path;
      const mode = action.entry.mode ?? (action.kind === 'update' ? action.previousMode : undefined);
      // A replaced file is flushed before the rename so its old content is never lost; a new file
      // needs no flush: until the rename it does not exist, and rollback removes it.
      writeAtomically(fs, action.file, Buffer.from(action.entry.content, 'utf8'), mode, action.kind === 'update');
      written.push(action);
    }
  } catch (error) {
    const failures = await rollback(fs, createdDirectories, written);
    const outcome =
      failures.length === 0
        ? 'nothing was changed'
        : `rolling back also failed, check these paths by hand: ${failures.join('; ')}`;
    throw new UserError(`cannot write ${failedPath}: ${reason(error)}; ${outcome}`);
  }
}

/** Undoes `written` (last first) and removes `createdDirectories`; returns what could not be undone. */
async function rollback(fs: WriteFs, createdDirectories: readonly string[], written: readonly WriteAction[]): Promise<string[]> {
  const failures: string[] = [];
  for (const action of [...written].reverse()) {
    try {
      if (action.kind === 'create') fs.unlink(action.file);
      else writeAtomically(fs, action.file, action.previous, action.previousMode);
    } catch (error) {
      failures.push(`${action.file} (${reason(error)})`);
    }
  }
  for (const directory of [...createdDirectories].reverse()) {
    try {
      fs.rmdir(directory);
    } catch (error) {
      failures.push(`${directory} (${reason(error)})`);
    }
  }
  return failures;
}

/**
 * Writes `content` to a temporary file next to `file`, flushed, with `mode` when given (set exactly,
 * not masked by the umask), then renames it over `file`: a reader never sees half a file.
 */
function writeAtomically(fs: WriteFs, file: string, content: Buffer, mode: number | undefined, flush = true): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tsctl-tmp`);
  try {
    const fd = fs.open(temp, 'wx');
    try {
      fs.write(fd, content);
      if (flush) fs.fsync(fd);
    } finally {
      fs.close(fd);
    }
    if (mode !== undefined) fs.chmod(temp, mode);
    fs.rename(temp, file);
  } catch (error) {
    try {
      fs.unlink(temp);
    } catch {
      // the temporary file was never created
    }
    throw error;
  }
}

async function readExisting(fs: WriteFs, file: string, entryPath: string): Promise<Buffer> {
  try {
    return fs.readFile(file);
  } catch (error) {
    throw new UserError(`cannot read ${entryPath}: ${reason(error)}`);
  }
}

async function lstatIfExists(fs: WriteFs, file: string): Promise<Stats | undefined> {
  try {
    return fs.lstat(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new UserError(`cannot read ${file}: ${reason(error)}`);
  }
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
