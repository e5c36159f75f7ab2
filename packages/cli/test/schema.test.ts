// roll-config schema: the authoring schema a repository vendors for its editor.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSchema } from "@roll/config-types";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/io.js";
import { scratchDir } from "./helpers/tmp.js";

describe("roll-config schema", () => {
  it("prints the release's authoring schema, pipeline chosen from the config's keys", async () => {
    const r = await run(["schema", "--roll", "0.2"]);
    expect(r.code, r.stderr).toBe(0);
    const schema = JSON.parse(r.stdout);
    const shipped = loadSchema("roll-0.2.authoring.schema.json") as { definitions: unknown; allOf: unknown };
    expect(schema.definitions).toEqual(shipped.definitions);
    expect(schema.allOf).toEqual(shipped.allOf);
    expect(schema.$comment).toMatch(/^Written by `roll-config schema --roll 0\.2` from @roll\/config-types /);
  });

  it("--pipeline: that pipeline's schema only; the default release is 0.3", async () => {
    const r = await run(["schema", "--pipeline", "sft"]);
    expect(r.code, r.stderr).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.allOf).toEqual([{ $ref: "#/definitions/SFTConfig" }]);
    expect(schema.$id).toContain("roll-0.3.authoring");
  });

  it("a pipeline the release lacks exits 1; a bad flag value exits 2", async () => {
    const missing = await run(["schema", "--roll", "0.3", "--pipeline", "reward_fl"]);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "ROLL 0.3 has no reward_fl pipeline\n" });
    const bad = await run(["schema", "--roll", "0.4"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Usage: roll-config schema");
  });

  it("-o writes the file and refuses to replace one without --force", async () => {
    const dir = scratchDir();
    const out = join(dir, "roll.schema.json");
    expect((await run(["schema", "-o", out])).code).toBe(0);
    const written = readFileSync(out, "utf8");
    expect(JSON.parse(written).$id).toContain("roll-0.3.authoring");
    writeFileSync(out, "{}\n");
    const refused = await run(["schema", "-o", out]);
    expect(refused.code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("{}\n");
    expect((await run(["schema", "-o", out, "--force"])).code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(written);
  });
});
