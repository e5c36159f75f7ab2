// biome-ignore-all lint/suspicious/noTemplateCurlyInString: OmegaConf interpolations are literal "${...}" text
// Defaults-list behaviours Hydra 1.3.2 was verified to have beyond the conformance directories
// (hydra-omegaconf.md §1.1, §1.5, §1.6 and "Further verified behaviours"); messages are Hydra's.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError, compose, toPythonJson } from "../src/index.js";
import { confDirs } from "./helpers/conf-dir.js";

/** A config dir holding `files` (relative path -> YAML text). */
const confDir = confDirs("defaults");

function json(dir: string, overrides: string[] = [], versionBase: "1.1" | "1.3" = "1.1"): unknown {
  return JSON.parse(toPythonJson(compose(dir, "config", { overrides, versionBase }).config));
}

function error(dir: string, overrides: string[] = []): ConfigError {
  try {
    compose(dir, "config", { overrides });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

const DB = { "db/mysql.yaml": "name: mysql\na: 1\n", "db/sqlite.yaml": "name: sqlite\n" };

describe("group entries", () => {
  it("'db: [mysql, sqlite]' merges several options in order", () => {
    const dir = confDir({ ...DB, "config.yaml": "defaults:\n  - db: [mysql, sqlite]\n  - _self_\n" });
    expect(json(dir)).toEqual({ db: { name: "sqlite", a: 1 } });
  });

  it("a config path may carry its .yaml suffix (ROLL's tests write '../config/x.yaml@_here_')", () => {
    const dir = confDir({
      "examples/config/envs.yaml": "env: 1\n",
      "examples/exp/config.yaml": "defaults:\n  - ../config/envs.yaml@_here_\nx: 2\n",
    });
    expect(json(join(dir, "examples/exp"))).toEqual({ env: 1, x: 2 });
  });

  it("'db: null' contributes nothing", () => {
    const dir = confDir({ ...DB, "config.yaml": "defaults:\n  - db: null\n  - _self_\nx: 1\n" });
    expect(json(dir)).toEqual({ x: 1 });
  });

  it("'db@_here_: mysql' inside server/apache merges into server", () => {
    const dir = confDir({
      "config.yaml": "defaults:\n  - server/apache\n  - _self_\n",
      "server/apache.yaml": "defaults:\n  - db@_here_: mysql\n  - _self_\nport: 80\n",
      "server/db/mysql.yaml": "name: mysql\n",
    });
    expect(json(dir)).toEqual({ server: { name: "mysql", port: 80 } });
  });

  it("'+extra=e1' appends a group default after the primary's _self_", () => {
    const dir = confDir({ "config.yaml": "defaults:\n  - _self_\nv: primary\n", "extra/e1.yaml": "e: 1\n" });
    expect(compose(dir, "config", { overrides: ["+extra=e1"] }).defaults.map((d) => d.config_path)).toEqual([
      "config",
      "extra/e1",
    ]);
  });

  it("'# @package _group_' is the group under version_base 1.1 and a literal key under 1.3", () => {
    const dir = confDir({
      "config.yaml": "defaults:\n  - db: mysql\n  - _self_\n",
      "db/mysql.yaml": "# @package _group_\nname: mysql\n",
    });
    expect(json(dir, [], "1.1")).toEqual({ db: { name: "mysql" } });
    expect(json(dir, [], "1.3")).toEqual({ _group_: { name: "mysql" } });
  });
});

describe("Hydra's errors", () => {
  it("same group with two options", () => {
    const dir = confDir({ ...DB, "config.yaml": "defaults:\n  - db: mysql\n  - db: sqlite\n" });
    expect(error(dir).message).toBe("Multiple values for db. To override a value use 'override db: sqlite'");
  });

  it("same group and option twice", () => {
    const dir = confDir({ ...DB, "config.yaml": "defaults:\n  - db: mysql\n  - db: mysql\n" });
    expect(error(dir).message).toBe("db appears more than once in the final defaults list");
  });

  it("a mandatory option without a choice", () => {
    const dir = confDir({ ...DB, "config.yaml": "defaults:\n  - db: ???\n" });
    expect(error(dir).message).toBe(
      "You must specify 'db', e.g, db=<OPTION>\nAvailable options:\n\tmysql\n\tsqlite",
    );
  });

  it("a CLI choice for a group that is not in the defaults list suggests +group", () => {
    const dir = confDir({ ...DB, "config.yaml": "x: 1\n" });
    expect(error(dir, ["db=mysql"]).message).toBe(
      "Could not override 'db'. No match in the defaults list.\nTo append to your default list use +db=mysql",
    );
  });

  it("a group option that is not a string or list", () => {
    const dir = confDir({ ...DB, "config.yaml": "defaults:\n  - db: 3\n" });
    const err = error(dir);
    expect([err.pythonType, err.message]).toEqual([
      "ValueError",
      "Unsupported item value in defaults : int. Supported: string or list",
    ]);
    expect(err.pos).toMatchObject({ line: 2 });
  });

  it("'.yml' options are listed but a bare name only finds NAME.yaml", () => {
    const dir = confDir({
      "config.yaml": "defaults:\n  - db: pg\n",
      "db/pg.yml": "a: 1\n",
      "db/mysql.yaml": "b: 1\n",
    });
    const err = error(dir);
    expect(err.pythonType).toBe("MissingConfigException");
    expect(err.message).toContain(
      "In 'config': Could not find 'db/pg'\n\nAvailable options in 'db':\n\tmysql\n\tpg\n",
    );
  });

  it("an interpolated option naming no known choice lists the choices it could use", () => {
    const dir = confDir({ ...DB, "config.yaml": "defaults:\n  - db: mysql\n  - combo: ${nope}\n" });
    const err = error(dir);
    expect(err.message).toBe("Error resolving interpolation '${nope}', possible interpolation keys: db");
    expect(err.chain.map((l) => l.error)).toEqual([
      "ConfigCompositionException",
      "InterpolationKeyError",
      "InterpolationKeyError",
    ]);
    expect(err.pos).toMatchObject({ line: 3 });
  });

  it("a sweep on the command line", () => {
    const dir = confDir({ "config.yaml": "a: 0\n" });
    expect(error(dir, ["a=1,2"]).message).toContain("Ambiguous value for argument 'a=1,2'");
  });
});

describe("Hydra's own config groups", () => {
  it("ignores 'override hydra/...' entries (they only shape the dropped hydra node)", () => {
    const dir = confDir({
      "config.yaml": "defaults:\n  - _self_\n  - override hydra/job_logging: disabled\nx: 1\n",
    });
    expect(json(dir)).toEqual({ x: 1 });
  });

  it("reads hydra.searchpath entries (the recorded cases are in hydra-parity.test.ts); pkg:// is refused at its line", () => {
    const dir = confDir({
      "config.yaml": "hydra:\n  searchpath: [file://other]\ndefaults:\n  - db: x\n  - _self_\n",
      "other/db/x.yaml": "host: other\n",
      "pkg.yaml": "hydra:\n  searchpath:\n    - pkg://some.module\nx: 1\n",
    });
    expect(JSON.parse(toPythonJson(compose(dir, "config", { cwd: dir }).config))).toEqual({
      db: { host: "other" },
    });
    const err = (() => {
      try {
        compose(dir, "pkg", { cwd: dir });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error("pkg:// composed");
    })();
    expect(err.message).toContain("hydra.searchpath entry 'pkg://some.module'");
    expect(err.pos).toMatchObject({ line: 3 });
  });
});

describe("version_base 1.1 legacy forms", () => {
  it("accepts {group: option, optional: true} with Hydra's deprecation warning; 1.3 rejects it", () => {
    const dir = confDir({ "config.yaml": "defaults:\n  - db: nope\n    optional: true\n  - _self_\nx: 1\n" });
    const composed = compose(dir, "config");
    expect(JSON.parse(toPythonJson(composed.config))).toEqual({ x: 1 });
    expect(composed.warnings).toEqual([
      "\nIn config: 'optional: true' is deprecated.\nUse 'optional db: nope' instead.\nSupport for the old style is removed for Hydra version_base >= 1.2",
    ]);
    expect(() => compose(dir, "config", { versionBase: "1.3" })).toThrow(
      "In config: Too many keys in default item {'db': 'nope', 'optional': True}",
    );
  });
});

describe("robustness", () => {
  it("random defaults lists and overrides compose or fail with a ConfigError (never a crash)", () => {
    const dir = confDir({
      ...DB,
      "a.yaml": "defaults:\n  - config\n",
      "srv/x.yaml": "defaults:\n  - db: mysql\n  - _self_\ns: 1\n",
      "config.yaml": "",
    });
    const entries = fc.constantFrom(
      "  - _self_",
      "  - a",
      "  - srv/x",
      "  - ../c0/db/mysql@_here_",
      "  - db@pkg: mysql",
      "  - db@_group_: sqlite",
      "  - db: mysql",
      "  - db: [mysql, sqlite]",
      "  - db: null",
      "  - db: ???",
      "  - db: ${srv}",
      "  - /db: nope",
      "  - optional db: nope",
      "  - override db: sqlite",
      "  - override srv/db: sqlite",
      "  - {}",
      "  - 3",
      "  - _self_@x",
    );
    const overrides = fc.constantFrom(
      "db=sqlite",
      "~db",
      "+db=mysql",
      "x=1",
      "+x=1",
      "++y={a:1}",
      "~nope",
      "srv/db=nope",
    );
    fc.assert(
      fc.property(fc.array(entries, { maxLength: 5 }), fc.array(overrides, { maxLength: 2 }), (list, cli) => {
        writeFileSync(join(dir, "config.yaml"), `defaults:\n${list.join("\n")}\nx: 0\n`);
        try {
          toPythonJson(compose(dir, "config", { overrides: cli }).config);
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});
