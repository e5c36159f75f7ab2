// Simulates a release in a temporary clone: `changeset version` bumps versions and writes changelogs,
// the preset history records the new version, and the lockfile follows.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
let clone = "";
const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, {
    cwd: clone,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "true" },
  });
const json = (file: string) => JSON.parse(readFileSync(join(clone, file), "utf8"));

describe("a simulated release", () => {
  beforeAll(() => {
    clone = join(mkdtempSync(join(tmpdir(), "release-")), "repo");
    execFileSync("git", ["clone", "--quiet", "--no-hardlinks", root, clone]);
    symlinkSync(join(root, "node_modules"), join(clone, "node_modules"));
    const pending = readdirSync(join(clone, ".changeset")).filter(
      (f) => f.endsWith(".md") && f !== "README.md",
    );
    expect(pending.length).toBeGreaterThan(0);
    run(process.execPath, [join(root, "node_modules/@changesets/cli/bin.js"), "version"]);
    run(process.execPath, ["scripts/record-preset-history.mjs"]);
    run("npm", [
      "install",
      "--package-lock-only",
      "--ignore-scripts",
      "--offline",
      "--no-audit",
      "--no-fund",
    ]);
  }, 120_000);

  it("consumes the pending changesets and bumps @roll/ds-presets", () => {
    const before = JSON.parse(readFileSync(join(root, "packages/ds-presets/package.json"), "utf8")).version;
    const after = json("packages/ds-presets/package.json").version;
    expect(after).not.toBe(before);
    const left = readdirSync(join(clone, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
    expect(left).toEqual([]);
    expect(readFileSync(join(clone, "packages/ds-presets/CHANGELOG.md"), "utf8")).toContain(`## ${after}`);
  });

  it("keeps internal dependency ranges and the lockfile in sync with the new versions", () => {
    const lock = json("package-lock.json");
    for (const dir of readdirSync(join(clone, "packages"))) {
      const pkg = json(`packages/${dir}/package.json`);
      expect(lock.packages[`packages/${dir}`].version).toBe(pkg.version);
      for (const [dep, range] of Object.entries<string>(pkg.dependencies ?? {})) {
        if (!dep.startsWith("@roll/")) continue;
        const target = json(`packages/${dep.slice("@roll/".length)}/package.json`).version;
        expect(range.replace(/^[\^~]/, "")).toBe(target);
      }
    }
  });

  it("records every preset's content at the released version", () => {
    const version = json("packages/ds-presets/package.json").version;
    const history = json("presets/history.json");
    const entry = history.versions[version];
    const presets = readdirSync(join(clone, "presets")).filter(
      (f) => f.endsWith(".yaml") && !f.endsWith(".meta.yaml"),
    );
    expect(Object.keys(entry).sort()).toEqual(presets.map((f) => f.slice(0, -5)).sort());
    for (const file of presets) {
      expect(history.contents[entry[file.slice(0, -5)]]).toBe(
        readFileSync(join(clone, "presets", file), "utf8"),
      );
    }
  });

  it("passes the changeset check once the release is committed", () => {
    run("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qam", "release"]);
    run("git", ["add", "-A"]);
    run("git", [
      "-c",
      "user.email=t@example.com",
      "-c",
      "user.name=t",
      "commit",
      "-qm",
      "release files",
      "--allow-empty",
    ]);
    expect(existsSync(join(clone, "presets/history.json"))).toBe(true);
    const out = run(process.execPath, ["scripts/check-changesets.mjs"]);
    expect(out).toContain("changesets: ok");
  });
});
