// examples/ in ROLL's layout: every preset an example includes is vendored in examples/config/.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const EXAMPLES = fileURLToPath(new URL("../../../examples/", import.meta.url));
const configs = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== "config")
  .flatMap((e) => readdirSync(join(EXAMPLES, e.name)).map((f) => join(e.name, f)))
  .filter((f) => f.endsWith(".yaml"));

describe("examples", () => {
  it("has ROLL 0.2's rlvr_zero3_sp2 example", () => {
    expect(configs).toContain(join("qwen2.5-7B-rlvr_megatron", "rlvr_zero3_sp2.yaml"));
  });

  it.each(configs)("%s: every included preset and strategy_config target is in examples/config/", (file) => {
    const text = readFileSync(join(EXAMPLES, file), "utf8");
    const defaults = (parse(text, { version: "1.1" }).defaults ?? []) as string[];
    const included = defaults.map((entry) => /^\.\.\/config\/(\w+)@_here_$/.exec(entry)?.[1]);
    expect(included.length).toBeGreaterThan(0);
    for (const name of included) {
      expect(name, "defaults entries look like ../config/<stem>@_here_").toBeDefined();
      expect(existsSync(join(EXAMPLES, "config", `${name}.yaml`)), `${name}.yaml`).toBe(true);
    }
    for (const [, name] of text.matchAll(/strategy_config: \$\{(\w+)\}/g)) expect(included).toContain(name);
  });
});
