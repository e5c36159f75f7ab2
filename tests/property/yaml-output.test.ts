// Property 5 (issue 9): output YAML re-parses to the same values. For generated config trees (ints beyond
// 2^53, every float incl. -0.0 / nan / inf / 1e-05 / 1e+16 / 1000000000.0, strings that look like bools,
// numbers, nulls, timestamps or YAML syntax, unicode and control characters, keys of every Python type),
// loadYaml(toYaml(node)) equals node — compared by json.dumps text and by a dump that keeps Python types —
// and toYaml is a fixed point.
import { loadYaml, toPythonJson, toYaml } from "@roll/config-resolver";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pythonView, readRecordedYaml } from "../../packages/config-resolver/test/helpers/python-view.js";
import { logRuns, params, typedDump } from "./support.js";
import { nodeArb, sampleYamlTrees } from "./yaml-trees.js";

describe("property 5: output YAML re-parses to the same values", () => {
  it("OmegaConf 2.2 (PyYAML 6.0) reads the writer's output for a fixed-seed sample as the tree written", () => {
    // Recorded by scripts/config-resolver/record-yaml-output.ts; a change to the writer or to the
    // generators fails the text check: record again.
    const recorded = readRecordedYaml(
      new URL(
        "../../packages/config-resolver/test/fixtures/yaml-output/property-sample.json",
        import.meta.url,
      ),
    );
    const sample = sampleYamlTrees();
    expect(Object.keys(recorded)).toHaveLength(sample.length);
    sample.forEach((node, i) => {
      const entry = recorded[String(i)]!;
      expect(toYaml(node), `tree ${i}`).toBe(entry.yaml);
      expect(entry.python, `tree ${i}`).toEqual(pythonView(node));
    });
  });

  it("loadYaml(toYaml(node)) equals node (json.dumps text and Python types); toYaml is a fixed point", () => {
    let nonScalarRoots = 0;
    fc.assert(
      fc.property(nodeArb, (node) => {
        const yaml = toYaml(node);
        const back = loadYaml(yaml, "<roundtrip>");
        expect(typedDump(back)).toBe(typedDump(node));
        expect(toPythonJson(back)).toBe(toPythonJson(node));
        expect(toYaml(back)).toBe(yaml);
        if (node.kind !== "scalar") nonScalarRoots++;
      }),
      params("yamlRoundTrip"),
    );
    logRuns("yamlRoundTrip", `${nonScalarRoots} with a dict or list at the root`);
  });
});
