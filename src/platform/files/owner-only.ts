import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the service keeps under DATA_DIR (the log, the read models, the token's digest) is for its
 * owner only: files 0600, the folder 0700, whatever the process's umask.
 */
export const OWNER_ONLY_FILE = 0o600;
export const OWNER_ONLY_DIR = 0o700;

/** The files SQLite keeps next to a database (they take the database file's mode when it creates them). */
const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'];

export interface ModeChange {
  path: string;
  from: number;
  to: number;
}

export const octal = (mode: number) => `0${(mode & 0o7777).toString(8)}`;

/** Removes the group's and others' permissions of `path` if it has any; the change made, or null. */
function tighten(path: string): ModeChange | null {
  const mode = lstatSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return null;
  const to = mode & 0o700;
  chmodSync(path, to);
  return { path, from: mode, to };
}

/**
 * Before SQLite opens `file`: creates it empty, owner-only, if it does not exist (SQLite then
 * gives the same mode to the `-wal` and `-shm` files it creates), and tightens it and its
 * companions where they exist with wider modes. `:memory:` and temporary databases are left alone.
 */
export function ownerOnlyDatabaseFile(file: string): ModeChange[] {
  if (file === ':memory:' || file === '' || file.startsWith('file:')) return [];
  if (!existsSync(file)) closeSync(openSync(file, 'a', OWNER_ONLY_FILE));
  const changes: ModeChange[] = [];
  for (const path of [file, ...SQLITE_COMPANIONS.map((suffix) => file + suffix)]) {
    if (!existsSync(path)) continue;
    const change = tighten(path);
    if (change) changes.push(change);
  }
  return changes;
}

export interface DataDirReport {
  created: boolean;
  tightened: ModeChange[];
  /** What was left as it is, and why (a file of another owner, a shared folder…), said in the log. */
  problems: string[];
}

/** The files SQLite keeps for a database: the file itself and its companions. */
export const databaseFiles = (name: string) => [name, ...SQLITE_COMPANIONS.map((suffix) => name + suffix)];

/**
 * DATA_DIR at start: created 0700 if missing; otherwise the folder and the files the service keeps
 * there (`names`) lose the group's and others' permissions (`0644` → `0600`, `0755` → `0700`).
 * Other files, links and sub-folders are left as they are. A shared folder (sticky bit, as /tmp)
 * is left as it is too, and said: the service's data needs a folder of its own.
 */
export function secureDataDir(dir: string, names: readonly string[]): DataDirReport {
  const created = !existsSync(dir);
  mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  const report: DataDirReport = { created, tightened: [], problems: [] };
  const attempt = (path: string) => {
    try {
      const change = tighten(path);
      if (change) report.tightened.push(change);
    } catch (error) {
      report.problems.push(`${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  };
  const folder = lstatSync(dir).mode;
  if ((folder & 0o1000) !== 0) report.problems.push(`${dir}: a shared folder (${octal(folder & 0o1777)}), left as it is; give DATA_DIR a folder of its own`);
  else attempt(dir);
  for (const name of names) {
    const path = join(dir, name);
    if (existsSync(path) && lstatSync(path).isFile()) attempt(path);
  }
  return report;
}
