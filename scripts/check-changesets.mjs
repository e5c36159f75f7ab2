#!/usr/bin/env node
// Fails when presets/ or schemas/ changed since the base commit without a changeset, or when the changesets
// bump @roll/ds-presets less than the semver policy (README) requires: a changed DeepSpeed setting in a
// preset is major, a new preset minor, metadata a patch.
// Offline: compares git history only. Base = $CHANGESET_BASE, else the last release commit (the last one
// that touched a package CHANGELOG.md), else the repository's first commit.
// Usage: node scripts/check-changesets.mjs [--cwd DIR]   exit 0 ok, 1 missing changeset, 2 usage/git error
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

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

const LEVELS = ["none", "patch", "minor", "major"];
const PRESETS_PACKAGE = "@roll/ds-presets";

/** A preset's values with their YAML types (int vs float matters to DeepSpeed's pydantic models). */
function semantic(text) {
  return JSON.stringify(parse(text, { intAsBigInt: true }), (_k, v) =>
    typeof v === "bigint" ? `int:${v}` : typeof v === "number" ? `float:${v}` : v,
  );
}

/** The smallest @roll/ds-presets bump the policy allows for these changes, with the reasons. */
export function requiredBump(cwd, base, unreleased, files) {
  let level = "none";
  const reasons = [];
  const need = (l, why) => {
    if (LEVELS.indexOf(l) > LEVELS.indexOf(level)) level = l;
    reasons.push(`${l}: ${why}`);
  };
  for (const f of files) {
    if (/^presets\/[^/]+\.meta\.yaml$/.test(f)) need("patch", `${f} (metadata)`);
    if (!/^presets\/[^/]+\.yaml$/.test(f) || f.endsWith(".meta.yaml")) continue;
    const now = existsSync(join(cwd, f)) ? readFileSync(join(cwd, f), "utf8") : null;
    let before = null;
    if (!unreleased) {
      try {
        before = git(cwd, ["show", `${base}:${f}`]);
      } catch {
        before = null;
      }
    }
    if (now === null) need("major", `${f} removed`);
    else if (before === null) need("minor", `${f} is a new preset`);
    else if (semantic(before) !== semantic(now)) need("major", `${f}: DeepSpeed settings changed`);
    else need("patch", `${f}: comments or formatting only`);
  }
  return { level, reasons };
}

/** The largest bump the pending changesets give @roll/ds-presets. */
export function declaredBump(cwd, changesets) {
  let level = "none";
  for (const f of changesets) {
    const m = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(cwd, f), "utf8"));
    const bumps = m ? (parse(m[1]) ?? {}) : {};
    const l = bumps[PRESETS_PACKAGE];
    if (LEVELS.includes(l) && LEVELS.indexOf(l) > LEVELS.indexOf(level)) level = l;
  }
  return level;
}

export function checkChangesets(cwd) {
  const { base, unreleased } = findBase(cwd);
  const files = changedFiles(cwd, base, unreleased);
  const watched = files.filter((f) => WATCHED.some((w) => f.startsWith(w)));
  const changesets = files.filter(
    (f) => /^\.changeset\/[^/]+\.md$/.test(f) && !f.endsWith("README.md") && existsSync(join(cwd, f)),
  );
  const required = requiredBump(cwd, base, unreleased, files);
  const declared = declaredBump(cwd, changesets);
  const bumpOk = LEVELS.indexOf(declared) >= LEVELS.indexOf(required.level);
  return {
    base,
    watched,
    changesets,
    required,
    declared,
    ok: watched.length === 0 || (changesets.length > 0 && bumpOk),
  };
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
    if (r.changesets.length === 0) {
      console.error(
        `changesets: ${r.watched.length} file(s) under presets/ or schemas/ changed since ${r.base.slice(0, 8)} without a changeset:`,
      );
      for (const f of r.watched.slice(0, 20)) console.error(`  ${f}`);
    } else {
      console.error(
        `changesets: the changesets bump ${PRESETS_PACKAGE} "${r.declared}", but the semver policy needs "${r.required.level}":`,
      );
      for (const why of r.required.reasons.slice(0, 20)) console.error(`  ${why}`);
    }
    console.error("Run `npx changeset` and describe the change (see the semver policy in README.md).");
    process.exit(1);
  } catch (e) {
    console.error(
      `changesets: cannot read git history: ${e instanceof Error ? e.message.split("\n")[0] : e}`,
    );
    process.exit(2);
  }
}
