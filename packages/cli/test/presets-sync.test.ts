import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { readStamp, stampFile } from "@roll/preset-sync";
import { ROLL_PRESETS_DIR } from "@roll/test-fixtures";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/io.js";
import { scratchDir } from "./helpers/tmp.js";

const require = createRequire(import.meta.url);
const shipped = (name: string) => readFileSync(require.resolve(`@roll/ds-presets/${name}.yaml`), "utf8");
const { version } = JSON.parse(readFileSync(require.resolve("@roll/ds-presets/package.json"), "utf8")) as {
  version: string;
};
const configDir = () => {
  const dir = join(scratchDir(), "examples", "config");
  mkdirSync(dir, { recursive: true });
  return dir;
};

describe("roll-config presets sync", () => {
  it("vendors stamped copies whose body is ROLL's file, byte for byte (no generator banner)", async () => {
    const dir = configDir();
    const r = await run(["presets", "sync", dir, "--only", "deepspeed_zero3,deepspeed_zero2"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["deepspeed_zero2.yaml", "deepspeed_zero3.yaml"]);
    const { stamp, body } = readStamp(readFileSync(join(dir, "deepspeed_zero3.yaml"), "utf8"));
    expect(body).toBe(readFileSync(join(ROLL_PRESETS_DIR, "deepspeed_zero3.yaml"), "utf8"));
    expect(shipped("deepspeed_zero3")).toBe(`${shipped("deepspeed_zero3").split("\n")[0]}\n${body}`);
    expect(stamp).toMatchObject({ packageName: "@roll/ds-presets", version, preset: "deepspeed_zero3" });
    // A second sync has nothing to do.
    const again = await run(["presets", "sync", dir, "--only", "deepspeed_zero3,deepspeed_zero2"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("deepspeed_zero3: up to date");
  });

  it("refuses to overwrite a locally edited copy, shows the diff, exits 1; --force overwrites", async () => {
    const dir = configDir();
    await run(["presets", "sync", dir, "--only", "deepspeed_zero3"]);
    const file = join(dir, "deepspeed_zero3.yaml");
    const edited = readFileSync(file, "utf8").replace("stage: 3", "stage: 2");
    writeFileSync(file, edited);
    const r = await run(["presets", "sync", dir, "--only", "deepspeed_zero3"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("locally edited");
    expect(r.stderr).toContain("-    stage: 2");
    expect(r.stderr).toContain("+    stage: 3");
    expect(readFileSync(file, "utf8")).toBe(edited);
    const forced = await run(["presets", "sync", dir, "--only", "deepspeed_zero3", "--force"]);
    expect(forced.code).toBe(0);
    expect(readStamp(readFileSync(file, "utf8")).body).toBe(
      readStamp(edited).body.replace("stage: 2", "stage: 3"),
    );
  });

  it("--dry-run shows what would change and writes nothing", async () => {
    const dir = configDir();
    const r = await run(["presets", "sync", dir, "--only", "deepspeed_zero2", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("deepspeed_zero2: new");
    expect(r.stdout).toContain("+deepspeed_zero2:");
    expect(existsSync(join(dir, "deepspeed_zero2.yaml"))).toBe(false);
  });

  it("--check (and presets check) exit 1 for a stale or edited copy, 0 when current", async () => {
    const dir = configDir();
    await run(["presets", "sync", dir, "--only", "deepspeed_zero3"]);
    expect((await run(["presets", "sync", dir, "--check"])).code).toBe(0);
    expect((await run(["presets", "check", dir])).code).toBe(0);
    // A copy stamped by an older version with other content is stale.
    const old = shipped("deepspeed_zero3").replace("overlap_comm: true", "overlap_comm: false");
    writeFileSync(
      join(dir, "deepspeed_zero3.yaml"),
      stampFile(old, { packageName: "@roll/ds-presets", version: "0.0.0-old", preset: "deepspeed_zero3" }),
    );
    const r = await run(["presets", "check", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("deepspeed_zero3.yaml: upgrade");
  });

  it("usage errors exit 2: no directory, unknown preset, --check with --force", async () => {
    expect((await run(["presets", "sync"])).code).toBe(2);
    expect((await run(["presets", "sync", configDir(), "--only", "nope"])).code).toBe(2);
    expect((await run(["presets", "sync", configDir(), "--check", "--force"])).code).toBe(2);
  });
});

describe("roll-config presets diff", () => {
  it("compares the vendored copy's stamp version with the installed one", async () => {
    const dir = configDir();
    await run(["presets", "sync", dir, "--only", "deepspeed_zero3"]);
    const r = await run(["presets", "diff", "deepspeed_zero3", "--dir", dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`deepspeed_zero3: ${version}`);
    expect(r.stdout).toContain("no change in the DeepSpeed settings");
  });

  it("an unstamped copy no release has needs --from (exit 1 with the file named); an unknown version exits 1", async () => {
    const dir = configDir();
    writeFileSync(
      join(dir, "deepspeed_zero3.yaml"),
      shipped("deepspeed_zero3").replace("stage: 3", "stage: 2"),
    );
    const r = await run(["presets", "diff", "deepspeed_zero3", "--dir", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, "deepspeed_zero3.yaml")}:1:1: not stamped`);
    const v = await run(["presets", "diff", "deepspeed_zero3", "--from", "99.0.0"]);
    expect(v.code).toBe(1);
    expect(v.stderr).toContain("no recorded content at version 99.0.0");
  });

  it("unknown preset is a usage error", async () => {
    expect((await run(["presets", "diff", "nope", "--from", version])).code).toBe(2);
  });
});
