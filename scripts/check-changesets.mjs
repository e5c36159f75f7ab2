#!/usr/bin/env node
// Fails when presets/ or schemas/ changed since the base commit without a changeset.
// Offline: compares git history only. Base = $CHANGESET_BASE, else the last release commit (the last one
// that touched a package CHANGELOG.md), else the repository's first commit.
// Usage: node scripts/check-changesets.mjs [--cwd DIR]   exit 0 ok, 1 missing changeset, 2 usage/git error
import { execFileSync } from "node:child_process";

const WATCHED = ["presets/", "schemas/"];

function git(cwd, args) {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** The commit to compare against; `unreleased` when nothing was ever released (the base's own changes count). */
export function findBase(cwd) {
  if (process.env.CHANGESET_BASE) return { base: process.env.CHANGESET_BASE, unreleased: false };
  const release = git(cwd, ["log", "-1", "--format=%H", "--", "packages/*/CHANGELOG.md"]);
  if (release) return { base: release, unreleased: false };
  return { base: git(cwd, ["rev-list", "--max-parents=0", "HEAD"]).split("\n").pop(), unreleased: true };
}

/** Files changed since base, committed or not (untracked included). */
export function changedFiles(cwd, base, unreleased) {
  const committed = git(cwd, ["diff", "--name-only", base, "--"]).split("\n");
  const untracked = git(cwd, ["ls-files", "--others", "--exclude-standard"]).split("\n");
  const inBase = unreleased ? git(cwd, ["show", "--name-only", "--format=", base]).split("\n") : [];
  return [...new Set([...committed, ...untracked, ...inBase])].filter(Boolean);
}

export function checkChangesets(cwd) {
  const { base, unreleased } = findBase(cwd);
  const files = changedFiles(cwd, base, unreleased);
  const watched = files.filter((f) => WATCHED.some((w) => f.startsWith(w)));
  const changesets = files.filter((f) => /^\.changeset\/[^/]+\.md$/.test(f) && !f.endsWith("README.md"));
  return { base, watched, changesets, ok: watched.length === 0 || changesets.length > 0 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf("--cwd");
  const cwd = i > 0 ? process.argv[i + 1] : process.cwd();
  try {
    const r = checkChangesets(cwd);
    if (r.ok) {
      console.log(
        `changesets: ok (${r.watched.length} preset/schema file(s) changed, ${r.changesets.length} changeset(s) since ${r.base.slice(0, 8)})`,
      );
      process.exit(0);
    }
    console.error(
      `changesets: ${r.watched.length} file(s) under presets/ or schemas/ changed since ${r.base.slice(0, 8)} without a changeset:`,
    );
    for (const f of r.watched.slice(0, 20)) console.error(`  ${f}`);
    console.error("Run `npx changeset` and describe the change (see the semver policy in README.md).");
    process.exit(1);
  } catch (e) {
    console.error(
      `changesets: cannot read git history: ${e instanceof Error ? e.message.split("\n")[0] : e}`,
    );
    process.exit(2);
  }
}
