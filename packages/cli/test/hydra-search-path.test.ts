// biome-ignore-all lint/suspicious/noTemplateCurlyInString: OmegaConf interpolations are literal "${...}" text
// The compose flags that reach Hydra's search path and its node: --config-dir, relative hydra.searchpath
// entries (the working directory), --hydra-main. Hydra's own outputs for these are the recorded cases of
// @roll/config-resolver (test/fixtures/hydra-parity); here: that the command passes them through.
import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/io.js";
import { scratchDir } from "./helpers/tmp.js";

const root = realpathSync(scratchDir());
const files: Record<string, string> = {
  "package.json": "{}\n",
  "app/conf/main.yaml": "defaults:\n  - algorithm: gae\n  - _self_\nlr: 0.1\n",
  "app/conf/framework.yaml":
    "hydra:\n  searchpath: [file://lib/config]\ndefaults:\n  - trainer\n  - _self_\n",
  "app/conf/named.yaml": "x: ${hydra:job.name}\nc: ${hydra:job.config_name}\n",
  "extra/algorithm/gae.yaml": "adv_estimator: gae\n",
  "lib/config/trainer.yaml": "epochs: 3\n",
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
const main = join(root, "app/conf/main.yaml");

describe("roll-config resolve: Hydra's search path", () => {
  it("--config-dir adds a directory to the search path (relative to the working directory)", async () => {
    const r = await run(["resolve", main, "--config-dir", "extra", "--format", "json"], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ algorithm: { adv_estimator: "gae" }, lr: 0.1 });
  });

  it("without it the group is missing, and a --config-dir that does not exist is Hydra's error", async () => {
    expect((await run(["resolve", main], { cwd: root })).code).toBe(1);
    const r = await run(["resolve", main, "--config-dir", "nope"], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Additional config directory '${join(root, "nope")}' not found`);
  });

  it("reads relative hydra.searchpath entries against the working directory, as Hydra does", async () => {
    const file = join(root, "app/conf/framework.yaml");
    const here = await run(["resolve", file, "--format", "json"], { cwd: root });
    expect(here.code, here.stderr).toBe(0);
    expect(JSON.parse(here.stdout)).toEqual({ epochs: 3 });
    const elsewhere = await run(["resolve", file], { cwd: join(root, "app") });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain("In 'framework': Could not load 'trainer'.");
    expect(elsewhere.stderr).toContain("provider=hydra.searchpath in main, path=file://lib/config");
  });

  it("types command-line numbers by Hydra's grammar: 5e-06 and 1e05 are floats", async () => {
    const r = await run(
      ["resolve", main, "--config-dir", "extra", "--format", "json", "lr=5e-06", "+n=1e05"],
      {
        cwd: root,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('"lr": 5e-06');
    expect(r.stdout).toContain('"n": 100000.0');
  });
});

describe("roll-config resolve --hydra-main", () => {
  const named = join(root, "app/conf/named.yaml");

  it("fails on ${hydra:...} by default, as ROLL's compose API does", async () => {
    const r = await run(["resolve", named], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("HydraConfig was not set");
  });

  it("reads Hydra's node as an @hydra.main app does", async () => {
    const r = await run(["resolve", named, "--hydra-main", "--format", "json"], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ x: "app", c: "named" });
  });
});

describe("roll-config resolve --hydra-main: what is not built", () => {
  it("refuses parts of Hydra's node that come from its own YAML configs instead of answering None", async () => {
    const file = join(root, "app/conf/rundir.yaml");
    writeFileSync(file, "d: ${hydra:run.dir}\nsub: ${hydra:output_subdir}\n");
    const r = await run(["resolve", file, "--hydra-main"], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("hydra.run.dir is not reproduced");
    writeFileSync(file, "sub: ${hydra:output_subdir}\n");
    const ok = await run(["resolve", file, "--hydra-main", "--format", "json"], { cwd: root });
    expect(JSON.parse(ok.stdout)).toEqual({ sub: ".hydra" });
  });
});
