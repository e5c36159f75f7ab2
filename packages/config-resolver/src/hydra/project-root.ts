// The sandbox for defaults-list paths. Hydra lets `..` walk anywhere on the file system; we refuse to read a
// config outside the project unless the caller allows it, so a shared config can't pull /etc/... or a
// neighbour's files into its output.
import { existsSync, realpathSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";

const MARKERS = [".git", "package.json", "pyproject.toml", "setup.py", "setup.cfg"];

/**
 * The nearest ancestor of the config directory that looks like a repository root. Without one, the config
 * directory's parent: ROLL's own layout (`examples/<exp>/x.yaml` including `../config/<preset>`) needs it.
 */
export function findProjectRoot(configDir: string): string {
  let dir = resolve(configDir);
  for (;;) {
    if (MARKERS.some((m) => existsSync(join(dir, m)))) return dir;
    const up = dirname(dir);
    if (up === dir) return dirname(resolve(configDir));
    dir = up;
  }
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** realpath(3) of `path` (one call: the JS realpathSync lstats every component), or undefined if it fails. */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/**
 * Whether `path` (lexically, and through symlinks when it exists) stays inside `root`. The real paths are
 * looked up unless given; a missing or unreadable one counts as inside: the read itself fails with its own
 * error.
 */
export function isInside(
  path: string,
  root: string,
  real = realPath(path),
  realRoot = realPath(root),
): boolean {
  if (!within(resolve(path), resolve(root))) return false;
  return real === undefined || realRoot === undefined || within(real, realRoot);
}
