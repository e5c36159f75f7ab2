// The ROLL release a file targets, from the repository around it: trees shaped like each ROLL release,
// pins, and the content fallback.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROLL_TREES } from "@roll/test-fixtures";
import { afterAll, describe, expect, it } from "vitest";
import { ReleaseFinder, ReleasePinError } from "../src/release-source.js";
import { validateFile } from "../src/validate-file.js";
import { rollCheckout, write } from "./helpers/roll-checkout.js";

const scratch = mkdtempSync(join(tmpdir(), "roll-release-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(scratch, `t${n++}`);
const config = (root: string, path = "examples/rlvr/rlvr.yaml") => write(root, path, "exp_name: x\n");

describe("release from the enclosing ROLL checkout", () => {
  it("a tree shaped like ROLL v0.2.0/v0.2.1 (setup.py 0.1.0, deepspeed_strategy.py) is 0.2 for every file", () => {
    const root = rollCheckout(fresh(), "0.2");
    const finder = new ReleaseFinder();
    for (const path of ["examples/a/a.yaml", "examples/b/deep/b.yaml", "tests/pipeline/c.yaml"]) {
      expect(finder.forFile(config(root, path))).toEqual({
        roll: "0.2",
        kind: "checkout",
        root,
        file: join(root, "roll/distributed/strategy/deepspeed_strategy.py"),
        detail: "it has deepspeed_strategy.py",
      });
    }
  });

  it("a tree shaped like ROLL v0.3.0 (setup.py 0.3.0) is 0.3, decided by setup.py", () => {
    const root = rollCheckout(fresh(), "0.3");
    expect(new ReleaseFinder().forFile(config(root))).toMatchObject({
      roll: "0.3",
      kind: "checkout",
      file: join(root, "setup.py"),
      detail: "setup.py version 0.3",
    });
  });

  it("without setup.py, the strategies decide: no deepspeed_strategy.py means 0.3", () => {
    const root = rollCheckout(fresh(), "0.3", { setup: false });
    expect(new ReleaseFinder().forFile(config(root))).toMatchObject({ roll: "0.3", kind: "checkout" });
    const old = rollCheckout(fresh(), "0.2", { setup: false });
    expect(new ReleaseFinder().forFile(config(old))).toMatchObject({ roll: "0.2", kind: "checkout" });
  });

  it("a release newer than 0.3 is checked as 0.3, and says which version it saw", () => {
    const root = rollCheckout(fresh(), "0.3");
    write(root, "setup.py", 'setup(name="roll", version="0.4.1")\n');
    expect(new ReleaseFinder().forFile(config(root))).toMatchObject({
      roll: "0.3",
      detail: "setup.py version 0.4",
    });
  });

  it("no checkout and no pin: undefined (the config's content decides)", () => {
    expect(new ReleaseFinder().forFile(config(fresh()))).toBeUndefined();
  });
});

describe("release pinned in the repository", () => {
  it(".roll-config.json {roll} pins the release", () => {
    const root = fresh();
    write(root, ".roll-config.json", '{\n  "roll": "0.2"\n}\n');
    expect(new ReleaseFinder().forFile(config(root))).toEqual({
      roll: "0.2",
      kind: "pin",
      file: join(root, ".roll-config.json"),
    });
  });

  it("pyproject.toml [tool.roll-config] roll = ... pins the release", () => {
    const root = fresh();
    write(
      root,
      "pyproject.toml",
      '[tool.black]\nline-length = 119\n\n[tool.roll-config]\nroll = "0.3"  # ROLL 0.3\n',
    );
    expect(new ReleaseFinder().forFile(config(root))).toMatchObject({ roll: "0.3", kind: "pin" });
    // A pyproject without the section pins nothing.
    const other = fresh();
    write(other, "pyproject.toml", '[tool.ruff]\nroll = "0.2"\n');
    expect(new ReleaseFinder().forFile(config(other))).toBeUndefined();
  });

  it("the nearest directory wins: a pin inside a ROLL 0.2 checkout overrides it", () => {
    const root = rollCheckout(fresh(), "0.2");
    write(root, "examples/new/.roll-config.json", '{"roll": "0.3"}');
    const finder = new ReleaseFinder();
    expect(finder.forFile(config(root, "examples/new/x.yaml"))).toMatchObject({ roll: "0.3", kind: "pin" });
    expect(finder.forFile(config(root, "examples/old/x.yaml"))).toMatchObject({
      roll: "0.2",
      kind: "checkout",
    });
  });

  it("a pin that is not a known release is an error at its line", () => {
    const root = fresh();
    write(root, ".roll-config.json", '{\n  "roll": "0.9"\n}\n');
    let error: unknown;
    try {
      new ReleaseFinder().forFile(config(root));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReleasePinError);
    expect((error as ReleasePinError).format()).toBe(
      `${join(root, ".roll-config.json")}:2:3: the pinned ROLL release must be one of 0.2, 0.3 (got "0.9")`,
    );
  });
});

describe("validateFile says which source decided", () => {
  // A DeepSpeed strategy would make content detection say 0.2; the checkout says 0.3.
  const rlvr = join(ROLL_TREES, "v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml");

  it("content when there is no checkout around the file", () => {
    const result = validateFile(rlvr, {}, {});
    expect(result.rollSource).toEqual({ roll: "0.2", kind: "content" });
    expect(result.rollDetected).toBe(true);
  });

  it("--roll beats everything; releases: false skips the file system", () => {
    expect(validateFile(rlvr, {}, { roll: "0.3" }).rollSource).toEqual({ roll: "0.3", kind: "flag" });
    expect(validateFile(rlvr, {}, { roll: "0.3" }).rollDetected).toBe(false);
    expect(validateFile(rlvr, {}, { releases: false }).rollSource.kind).toBe("content");
  });
});
