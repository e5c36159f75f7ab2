// Hydra's warnings keep Hydra's text (`warnings`, compared with the recorded Hydra output by the conformance and
// parity suites) and, in `hydraWarnings`, the place in a config file that causes each one, so that an editor can
// show it there. The expected lines and columns are read off the YAML written below.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compose, resolve } from "../src/index.js";
import { confDirs } from "./helpers/conf-dir.js";

const confDir = confDirs("warnings");

const DB = { "db/mysql.yaml": "name: mysql\n" };

describe("where Hydra's warnings come from", () => {
  it("missing _self_: the primary's `defaults` key, wherever it is in the file", () => {
    const dir = confDir({ ...DB, "config.yaml": "# a comment\nx: 1\ndefaults:\n  - db: mysql\n" });
    const composed = compose(dir, "config");
    expect(composed.warnings).toHaveLength(1);
    expect(composed.hydraWarnings).toEqual([
      {
        code: "hydra/missing-self",
        message: composed.warnings[0],
        pos: expect.objectContaining({ file: join(dir, "config.yaml"), line: 3, column: 1 }),
      },
    ]);
    expect(composed.warnings[0]).toContain("Defaults list is missing `_self_`");
  });

  it("resolve() passes them on with the same messages as `warnings`", () => {
    const dir = confDir({ ...DB, "config.yaml": "defaults:\n  - db: mysql\nx: 1\n" });
    const result = resolve(join(dir, "config.yaml"), { projectRoot: dir });
    expect(result.hydraWarnings.map((w) => w.message)).toEqual(result.warnings);
    expect(result.hydraWarnings[0]?.pos).toMatchObject({
      file: join(dir, "config.yaml"),
      line: 1,
      column: 1,
    });
    // A second resolve reuses the parsed files and still reports them.
    expect(resolve(join(dir, "config.yaml"), { projectRoot: dir }).hydraWarnings).toEqual(
      result.hydraWarnings,
    );
  });

  it("'optional: true' (version_base 1.1): the defaults item that says it", () => {
    const dir = confDir({ "config.yaml": "defaults:\n  - _self_\n  - db: nope\n    optional: true\nx: 1\n" });
    const composed = compose(dir, "config");
    expect(composed.warnings[0]).toContain("'optional: true' is deprecated");
    expect(composed.hydraWarnings[0]?.code).toBe("hydra/deprecated");
    expect(composed.hydraWarnings[0]?.pos).toMatchObject({
      file: join(dir, "config.yaml"),
      line: 3,
      column: 5,
    });
  });

  it("a deprecated keyword in a package header: that header's line in the file that has it", () => {
    const dir = confDir({
      "db/mysql.yaml": "\n# @package _group_\nname: mysql\n",
      "config.yaml": "defaults:\n  - _self_\n  - db: mysql\n",
    });
    const composed = compose(dir, "config");
    expect(composed.warnings[0]).toContain(
      "Usage of deprecated keyword in package header '# @package _group_'",
    );
    expect(composed.hydraWarnings[0]?.code).toBe("hydra/deprecated");
    expect(composed.hydraWarnings[0]?.pos).toMatchObject({
      file: join(dir, "db/mysql.yaml"),
      line: 2,
      column: 1,
    });
  });

  it("a hydra.searchpath entry that is not a directory: that entry", () => {
    const dir = confDir({ "config.yaml": "hydra:\n  searchpath:\n    - file:///no/such/dir\nx: 1\n" });
    const composed = compose(dir, "config");
    // Hydra's text: config_loader_impl.py warns f"provider={source.provider}, path={source.path} is not available."
    expect(composed.warnings).toEqual([
      "provider=hydra.searchpath in main, path=/no/such/dir is not available.",
    ]);
    expect(composed.hydraWarnings[0]?.code).toBe("hydra/searchpath-unavailable");
    expect(composed.hydraWarnings[0]?.pos).toMatchObject({
      file: join(dir, "config.yaml"),
      line: 3,
      column: 7,
    });
  });

  it("no warning, no entry", () => {
    const dir = confDir({ ...DB, "config.yaml": "defaults:\n  - db: mysql\n  - _self_\nx: 1\n" });
    expect(compose(dir, "config").hydraWarnings).toEqual([]);
  });
});
