import { it } from "vitest";
import { primaryText, RollTree, shippedPresets, validateComposed } from "../../scripts/compatibility/matrix.js";
it("scratch", () => {
  const presets = shippedPresets();
  const tree = new RollTree(presets);
  const names = presets.map((p) => p.name);
  const spec = (defaults: string[], p: string) => primaryText({ defaults, picks: { actor_train: p, critic: p, reference: p }, dtype: "bf16", lora: false });
  for (let round = 0; round < 3; round++) {
    let t = performance.now();
    const comps = [];
    for (const p of names) comps.push(tree.compose(spec(names, p) + `\n# ${round}`));
    console.log("compose all", (performance.now() - t) / names.length);
    t = performance.now();
    for (const p of names) tree.compose(spec([p], p) + `\n# ${round}`);
    console.log("compose single", (performance.now() - t) / names.length);
    t = performance.now();
    for (const c of comps) validateComposed(c, tree, "0.2", "0.16.4");
    console.log("validate 0.2", (performance.now() - t) / names.length);
    t = performance.now();
    for (const c of comps) validateComposed(c, tree, "0.3", "0.16.4");
    console.log("validate 0.3", (performance.now() - t) / names.length);
  }
  tree.remove();
});
