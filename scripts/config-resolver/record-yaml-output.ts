// Records how OmegaConf reads what the YAML writer (toYaml) writes: for every tree of the writer's test
// corpus, and for a fixed-seed sample of the property suite's generated trees, the text toYaml writes and
// the typed tree OmegaConf 2.2's loader (PyYAML 6.0) reads from it.
//   npx tsx scripts/config-resolver/record-yaml-output.ts
// needs /usr/bin/python3 with omegaconf 2.2.2 (Debian's python3-omegaconf).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { toYaml } from "../../packages/config-resolver/src/output/yaml.js";
import { yamlOutputCorpus } from "../../packages/config-resolver/test/yaml-output-corpus.js";
import { sampleYamlTrees } from "../../tests/property/yaml-trees.js";

const READER = fileURLToPath(new URL("./read-yaml-with-omegaconf.py", import.meta.url));
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

function record(out: string, cases: { name: string; yaml: string }[]): void {
  const input = JSON.stringify({ generator: "scripts/config-resolver/record-yaml-output.ts", cases });
  const text = execFileSync("/usr/bin/python3", [READER], { input, maxBuffer: 1 << 28, encoding: "utf8" });
  mkdirSync(dirname(root(out)), { recursive: true });
  writeFileSync(root(out), text);
  console.log(`${out}: ${cases.length} cases`);
}

record(
  "packages/config-resolver/test/fixtures/yaml-output/omegaconf-read.json",
  yamlOutputCorpus().map(({ name, node }) => ({ name, yaml: toYaml(node) })),
);
record(
  "packages/config-resolver/test/fixtures/yaml-output/property-sample.json",
  sampleYamlTrees().map((node, i) => ({ name: String(i), yaml: toYaml(node) })),
);
