// biome-ignore-all lint/suspicious/noTemplateCurlyInString: OmegaConf interpolations are literal "${...}" text
// compose() / resolve() behaviour beyond the conformance outputs: error positions, the defaults-cycle
// message and the resolve() result shape (its work is counted in work-counts.test.ts). Hydra facts used
// here are from hydra-omegaconf.md §1.
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, compose, getEntry, type Node, resolve, toPythonJson } from "../src/index.js";
import { confDirs } from "./helpers/conf-dir.js";

/** Writes `files` (relative path -> YAML text) into a fresh directory and returns it. */
const tree = confDirs("hydra");

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

function child(node: Node, key: string): Node {
  const e = node.kind === "dict" ? getEntry(node, key) : undefined;
  if (!e) throw new Error(`no key ${key}`);
  return e.node;
}

describe("defaults cycles", () => {
  it("stops with a RecursionError naming the chain and the entry that closes it", () => {
    const dir = tree({
      "conf/a.yaml": "defaults:\n  - b\n  - _self_\nx: 1\n",
      "conf/b.yaml": "defaults:\n  - a\n  - _self_\ny: 1\n",
    });
    const err = thrown(() => compose(join(dir, "conf"), "a"));
    expect(err.pythonType).toBe("RecursionError");
    expect(err.message).toContain("maximum recursion depth exceeded");
    expect(err.message).toContain("a -> b -> a");
    expect(err.pos).toMatchObject({ file: join(dir, "conf/b.yaml"), line: 2 });
  });

  it("catches a config that includes itself", () => {
    const dir = tree({ "conf/a.yaml": "defaults:\n  - a\nx: 1\n" });
    expect(thrown(() => compose(join(dir, "conf"), "a")).message).toContain("a -> a");
  });
});

describe("error positions", () => {
  it("a bad group choice points at the defaults entry it replaces", () => {
    const dir = tree({
      "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\n",
      "conf/db/mysql.yaml": "name: mysql\n",
    });
    const err = thrown(() => compose(join(dir, "conf"), "config", { overrides: ["db=nope"] }));
    expect(err.pythonType).toBe("MissingConfigException");
    expect(err.pos).toMatchObject({ file: join(dir, "conf/config.yaml"), line: 2 });
    expect(err.format()).toMatch(/config\.yaml:2:\d+: In 'config': Could not find 'db\/nope'/);
  });

  it("a missing preset points at its ../config entry", () => {
    const dir = tree({
      "examples/config/a.yaml": "a: 1\n",
      "examples/exp/main.yaml": "defaults:\n  - ../config/a@_here_\n  - ../config/nope@_here_\n",
    });
    const err = thrown(() => compose(join(dir, "examples/exp"), "main"));
    expect(err.message).toContain("In 'main': Could not load '../config/nope'.");
    expect(err.pos).toMatchObject({ file: join(dir, "examples/exp/main.yaml"), line: 3 });
  });

  it("a command-line key the config lacks points at the dict that refused it", () => {
    const dir = tree({ "conf/config.yaml": "a: 1\nds:\n  b: 2\n" });
    const top = thrown(() => compose(join(dir, "conf"), "config", { overrides: ["nope=1"] }));
    expect(top.message).toBe("Could not override 'nope'.\nTo append to your config use +nope=1");
    expect(top.pos).toMatchObject({ file: join(dir, "conf/config.yaml"), line: 1 });
    const nested = thrown(() => compose(join(dir, "conf"), "config", { overrides: ["ds={c:1}"] }));
    expect(nested.pos).toMatchObject({ file: join(dir, "conf/config.yaml"), line: 3 });
  });

  it("an unknown hydra field points at the key", () => {
    const dir = tree({ "conf/config.yaml": "a: 1\nhydra:\n  run:\n    dir: .\n  not_a_field: 1\n" });
    const err = thrown(() => compose(join(dir, "conf"), "config"));
    expect(err.chain.map((l) => l.error)).toEqual([
      "ConfigCompositionException",
      "ConfigKeyError",
      "ConfigAttributeError",
    ]);
    expect(err.pos).toMatchObject({ file: join(dir, "conf/config.yaml"), line: 5 });
  });

  it("'override' before a plain entry is rejected at that entry", () => {
    const dir = tree({
      "conf/config.yaml": "defaults:\n  - db: mysql\n  - override db: sqlite\n  - other\n",
      "conf/db/mysql.yaml": "a: 1\n",
      "conf/db/sqlite.yaml": "a: 2\n",
      "conf/other.yaml": "o: 1\n",
    });
    const err = thrown(() => compose(join(dir, "conf"), "config"));
    expect(err.message).toContain("Overrides must be at the end of the defaults list");
    expect(err.pos).toMatchObject({ line: 4 });
  });
});

describe("resolve()", () => {
  const dir = tree({
    "examples/config/ds.yaml": "ds:\n  stage: 3\n  lr: 1.0e-6\n",
    "examples/exp/main.yaml":
      "defaults:\n  - ../config/ds@_here_\nhydra:\n  run:\n    dir: .\n  output_subdir: null\nseed: 42\nname: run_${seed}\nstrategy: ${ds}\n",
  });
  const primary = join(dir, "examples/exp/main.yaml");

  it("composes and resolves, reporting files, the defaults list and Hydra's warnings", () => {
    const result = resolve(primary);
    expect(toPythonJson(result.config)).toBe(
      '{\n "ds": {\n  "stage": 3,\n  "lr": 1e-06\n },\n "seed": 42,\n "name": "run_42",\n "strategy": {\n  "stage": 3,\n  "lr": 1e-06\n }\n}',
    );
    expect(result.files).toEqual([primary, join(dir, "examples/config/ds.yaml")]);
    expect(result.defaults.map((d) => [d.config_path, d.package, d.is_self])).toEqual([
      ["../config/ds", "", false],
      ["main", "", true],
    ]);
    expect(result.warnings).toEqual([
      "In 'main': Defaults list is missing `_self_`. See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/default_composition_order for more information",
    ]);
  });

  it("keeps where each value was written", () => {
    const { config } = resolve(primary);
    expect(child(child(config, "ds"), "stage").pos).toMatchObject({
      file: join(dir, "examples/config/ds.yaml"),
      line: 2,
    });
    expect(child(config, "seed").pos).toMatchObject({ file: primary, line: 7 });
  });

  it("applies overrides and leaves interpolations alone with resolve: false", () => {
    const result = resolve(primary, { overrides: ["seed=7", "ds.stage=2"], resolve: false });
    const name = child(result.config, "name");
    expect(name.kind === "scalar" && name.value).toBe("run_${seed}");
    expect(toPythonJson(resolve(primary, { overrides: ["seed=7"] }).config)).toContain('"name": "run_7"');
  });

  it("accepts a path relative to the working directory", () => {
    expect(resolve(relative(process.cwd(), primary)).files[0]).toBe(primary);
  });
});
