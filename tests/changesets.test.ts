import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const script = join(import.meta.dirname, "..", "scripts", "check-changesets.mjs");

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), "changesets-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("config", "user.email", "t@example.com");
  git("config", "user.name", "t");
  mkdirSync(join(dir, "presets"));
  mkdirSync(join(dir, ".changeset"));
  mkdirSync(join(dir, "packages/ds-presets"), { recursive: true });
  writeFileSync(join(dir, ".changeset/README.md"), "x\n");
  writeFileSync(join(dir, "packages/ds-presets/CHANGELOG.md"), "# @roll/ds-presets\n");
  writeFileSync(join(dir, "presets/a.yaml"), "a:\n  x: 1\n");
  git("add", "-A");
  git("commit", "-qm", "release");
  return dir;
}

function check(dir: string) {
  const env = { ...process.env };
  delete env.CHANGESET_BASE;
  return spawnSync(process.execPath, [script, "--cwd", dir], { encoding: "utf8", env });
}

describe("scripts/check-changesets.mjs", () => {
  it("passes when nothing watched changed since the last release", () => {
    const r = check(repo());
    expect(r.status).toBe(0);
  });

  it("fails when a preset changed without a changeset, naming the file", () => {
    const dir = repo();
    writeFileSync(join(dir, "presets/a.yaml"), "a:\n  x: 2\n");
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("presets/a.yaml");
  });

  it("fails for a new schema file too, and passes once a changeset is added", () => {
    const dir = repo();
    mkdirSync(join(dir, "schemas"));
    writeFileSync(join(dir, "schemas/x.schema.json"), "{}\n");
    expect(check(dir).status).toBe(1);
    writeFileSync(join(dir, ".changeset/brave-cats.md"), '---\n"@roll/ds-presets": patch\n---\n\nx\n');
    expect(check(dir).status).toBe(0);
  });

  const changeset = (dir: string, level: string) =>
    writeFileSync(join(dir, ".changeset/some-change.md"), `---\n"@roll/ds-presets": ${level}\n---\n\nx\n`);

  it("semver policy: a changed DeepSpeed value in a preset needs a major bump", () => {
    const dir = repo();
    writeFileSync(join(dir, "presets/a.yaml"), "a:\n  x: 2\n");
    changeset(dir, "minor");
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('needs "major"');
    expect(r.stderr).toContain("presets/a.yaml: DeepSpeed settings changed");
    changeset(dir, "major");
    expect(check(dir).status).toBe(0);
  });

  it("semver policy: an int turned float is a change (pydantic sees another type)", () => {
    const dir = repo();
    writeFileSync(join(dir, "presets/a.yaml"), "a:\n  x: 1.0\n");
    changeset(dir, "patch");
    expect(check(dir).status).toBe(1);
  });

  it("semver policy: a new preset needs minor; comments and metadata only need patch", () => {
    const dir = repo();
    writeFileSync(join(dir, "presets/b.yaml"), "b:\n  y: 1\n");
    changeset(dir, "patch");
    expect(check(dir).status).toBe(1);
    changeset(dir, "minor");
    expect(check(dir).status).toBe(0);

    const other = repo();
    writeFileSync(join(other, "presets/a.yaml"), "# a comment\na:\n  x: 1\n");
    writeFileSync(join(other, "presets/a.meta.yaml"), "displayName: A\n");
    changeset(other, "patch");
    expect(check(other).status).toBe(0);
  });

  it("holds for this repository", () => {
    const r = spawnSync(process.execPath, [script], {
      encoding: "utf8",
      cwd: join(import.meta.dirname, ".."),
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
