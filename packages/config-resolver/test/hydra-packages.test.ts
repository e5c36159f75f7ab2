// Package arithmetic and `# @package` headers. Expected values come from hydra-omegaconf.md §1.2-1.3 and
// the conformance cases cited in each test (Hydra 1.3.2 output).
import { describe, expect, it } from "vitest";
import { parseHeader } from "../src/hydra/config-repository.js";
import { ConfigDefault, GroupDefault } from "../src/hydra/default-element.js";

const LEGACY = true; // version_base 1.1

function config(path: string, pkg: string | null, parentDir: string, parentPkg: string) {
  const d = new ConfigDefault({ path, package: pkg }, LEGACY);
  d.updateParent(parentDir, parentPkg);
  return d;
}

function group(groupName: string, value: string, pkg: string | null, parentDir: string, parentPkg: string) {
  const d = new GroupDefault({ group: groupName, value, package: pkg }, LEGACY);
  d.updateParent(parentDir, parentPkg);
  return d;
}

describe("final package", () => {
  it("../config/x without @_here_ lands under '...config' (d05)", () => {
    const d = config("../config/x", null, "", "");
    expect(d.getConfigPath()).toBe("../config/x");
    expect(d.getFinalPackage()).toBe("...config");
  });

  it("@_here_ keeps the parent's package (d01)", () => {
    expect(config("../config/deepspeed_zero3", "_here_", "", "").getFinalPackage()).toBe("");
  });

  it("db@backup / db@_here_ / db@_global_.q / db@_group_ inside srv/a (d07, d08)", () => {
    expect(group("db", "mysql", "backup", "srv", "srv").getFinalPackage()).toBe("srv.backup");
    expect(group("db", "mysql", "_here_", "srv", "srv").getFinalPackage()).toBe("srv");
    expect(group("db", "mysql", "_global_.q", "srv", "srv").getFinalPackage()).toBe("q");
    const g = group("db", "mysql", "_group_", "srv", "srv");
    expect([g.getConfigPath(), g.getFinalPackage()]).toEqual(["srv/db/mysql", "srv.db"]);
  });

  it("/db: mysql inside server/apache loads db/mysql but stays at server.db (d09)", () => {
    const g = group("/db", "mysql", null, "server", "server");
    expect([g.getConfigPath(), g.getFinalPackage()]).toEqual(["db/mysql", "server.db"]);
  });

  it("sub/leaf@target.pkg is relative to the parent package (d42)", () => {
    expect(config("sub/leaf", "target.pkg", "", "").getFinalPackage()).toBe("target.pkg");
    expect(config("sub/leaf", null, "", "").getFinalPackage()).toBe("sub");
  });

  it("a header is absolute; the defaults-list package wins over it (d10)", () => {
    const d = group("db", "mysql", null, "", "");
    d.setPackageHeader("foo.bar");
    expect(d.getFinalPackage()).toBe("foo.bar");
    const withPkg = group("db", "mysql", "x", "", "");
    withPkg.setPackageHeader("foo.bar");
    expect(withPkg.getFinalPackage()).toBe("x");
  });

  it("'# @package _group_' is the group package under 1.1 and a literal key under 1.3", () => {
    const legacy = group("db", "mysql", null, "", "");
    legacy.setPackageHeader("_group_");
    expect(legacy.getFinalPackage()).toBe("db");
    const modern = new GroupDefault({ group: "db", value: "mysql" }, false);
    modern.updateParent("", "");
    modern.setPackageHeader("_group_");
    expect(modern.getFinalPackage()).toBe("_group_");
  });

  it("_self_@pkg is rejected (d43)", () => {
    expect(() => new ConfigDefault({ path: "_self_", package: "foo" }, LEGACY)).toThrow(
      "_self_@PACKAGE is not supported",
    );
  });
});

describe("# @package header", () => {
  it("reads '# @package x' and '#@package x'", () => {
    // With the line that says it (where Hydra's deprecation warning about a header is shown).
    expect(parseHeader("# @package foo.bar\nname: mysql\n", "f.yaml")).toEqual({
      package: "foo.bar",
      pos: { file: "f.yaml", line: 1, column: 1 },
    });
    expect(parseHeader("\n#@package _global_\n", "f.yaml")).toEqual({
      package: "_global_",
      pos: { file: "f.yaml", line: 2, column: 1 },
    });
  });

  it("stops at the first ordinary comment (d11)", () => {
    expect(parseHeader("# a comment\n# @package _global_\nname: mysql\n", "f.yaml")).toEqual({
      package: null,
    });
  });

  it("rejects a header with more than two components, naming file and line", () => {
    expect(() => parseHeader("\n# @package a b\n", "/x/f.yaml")).toThrow(
      "Too many components in '@package a b'",
    );
    try {
      parseHeader("\n# @package a b\n", "/x/f.yaml");
    } catch (e) {
      expect((e as { pos: unknown }).pos).toEqual({ file: "/x/f.yaml", line: 2, column: 1 });
    }
  });
});
