import { it } from "vitest";
import { readFileSync, realpathSync } from "node:fs";
import { compose, resolveTree, loadYaml } from "../src/index.js";
it("prof", () => {
  const primary = "/work/main/packages/config-resolver/test/fixtures/conformance/roll/v0.2/examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml";
  const dir = primary.replace(/\/[^/]+$/, "");
  for (let k = 0; k < 5; k++) compose(dir, "agent_val_frozen_lake");
  let t0 = performance.now();
  let c;
  for (let k = 0; k < 10; k++) c = compose(dir, "agent_val_frozen_lake");
  const tc = (performance.now() - t0) / 10;
  t0 = performance.now();
  for (let k = 0; k < 10; k++) resolveTree(c!.config, { env: { WANDB_API_KEY: "x" } });
  const tr = (performance.now() - t0) / 10;
  let tl = 0;
  for (const f of c!.files) { const text = readFileSync(f, "utf8"); const t = performance.now(); for (let k = 0; k < 10; k++) loadYaml(text, f); tl += (performance.now() - t) / 10; console.log(f, text.length); }
  console.log({ compose: tc, resolve: tr, yamlTotal: tl });
});
