// Resolution rules one by one, with expected values from hydra-omegaconf.md §3 and the conformance cases
// named in each test.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { getEntry, type Node } from "../src/model.js";
import { MAX_VIA } from "../src/omegaconf/interpolate.js";
import { resolveTree, validateInterpolations } from "../src/omegaconf/resolve.js";
import { selectNode } from "../src/omegaconf/select.js";
import { toPlain, toPythonJson } from "../src/output/json.js";
import { loadYaml } from "../src/yaml/load.js";

const FILE = "/cfg/config.yaml";
const NOW = new Date(2025, 0, 2, 3, 4, 5);
const load = (text: string) => loadYaml(text, FILE);
const resolve = (text: string, env: Record<string, string> = {}) =>
  resolveTree(load(text), { env, now: NOW });
const plain = (text: string, env: Record<string, string> = {}) => toPlain(resolve(text, env));
const json = (text: string) => toPythonJson(resolve(text));

function failure(run: () => unknown): ConfigError {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

function child(node: Node, key: string): Node {
  const found = selectNode(node, key);
  if (!found) throw new Error(`no ${key}`);
  return found;
}

describe("node interpolation", () => {
  it("keeps the target type for a whole-string interpolation, strings it when embedded (i04)", () => {
    expect(json("n: 10\nf: 0.5\nr: ${n}\nq: '${f}'\ne: x_${n}\nb: ${t}!\nt: true\nz: ${u}-\nu: null")).toBe(
      '{\n "n": 10,\n "f": 0.5,\n "r": 10,\n "q": 0.5,\n "e": "x_10",\n "b": "True!",\n "t": true,\n "z": "None-",\n "u": null\n}',
    );
  });

  it("embeds floats with Python repr (i04b)", () => {
    expect(plain("a: 1e-5\nb: 1.0e+9\ns: ${a}|${b}")).toMatchObject({ s: "1e-05|1000000000.0" });
  });

  it("embeds containers with Python str() (i18)", () => {
    expect(plain("d: {k: 1, s: x}\nl: [1, a, null]\nsd: x_${d}\nsl: x_${l}")).toMatchObject({
      sd: "x_{'k': 1, 's': 'x'}",
      sl: "x_[1, 'a', None]",
    });
  });

  it("resolves relative keys from the node's container (i02)", () => {
    expect(
      plain("top: T\na:\n  x: ax\n  b:\n    x: bx\n    s: ${.x}\n    p: ${..x}\n    r: ${...top}"),
    ).toEqual({
      top: "T",
      a: { x: "ax", b: { x: "bx", s: "bx", p: "ax", r: "T" } },
    });
  });

  it("accepts '-', '/' and '@' in key paths and whitespace inside the braces (§3.2)", () => {
    expect(plain("a-b:\n  c/d:\n    e@f: 1\nr: ${ a-b.c/d.e@f }")).toMatchObject({ r: 1 });
  });

  it("copies a subtree whose relative interpolations stay in the target's context (i07)", () => {
    expect(plain("ds:\n  a: 1\n  b: ${.a}\nx:\n  a: 2\n  cfg: ${ds}")).toEqual({
      ds: { a: 1, b: 1 },
      x: { a: 2, cfg: { a: 1, b: 1 } },
    });
  });

  it("follows a 2,000-long chain without overflowing the stack", () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `k${i}: \${k${i + 1}}`);
    lines.push("k2000: end");
    const out = resolve(lines.join("\n"));
    expect(toPlain(child(out, "k0"))).toBe("end");
    // Provenance keeps the outermost MAX_VIA links (all 2,000 for each of 2,000 nodes is quadratic: a
    // 20,000-long chain held 2*10^8 positions); the first is k0's own interpolation, then k1's, …
    const via = child(out, "k0").via!;
    expect(via).toHaveLength(MAX_VIA);
    expect(via.map((p) => p.line)).toEqual(Array.from({ length: MAX_VIA }, (_, i) => i + 1));
  });

  it("reports a 2,000-long cycle as recursive interpolation (i10)", () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `k${i}: \${k${(i + 1) % 2000}}`);
    const e = failure(() => resolve(lines.join("\n")));
    expect(e.pythonType).toBe("InterpolationResolutionError");
    expect(e.message).toBe("Recursive interpolation detected\n    full_key: k0\n    object_type=dict");
  });

  it("reports an error at the end of a 2,000-long chain like a missing key (i09)", () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `k${i}: \${k${i + 1}}`);
    lines.push("k2000: ${nope}");
    expect(failure(() => resolve(lines.join("\n"))).chain).toEqual([
      {
        error: "InterpolationKeyError",
        message: "Interpolation key 'nope' not found\n    full_key: k0\n    object_type=dict",
      },
      { error: "InterpolationKeyError", message: "Interpolation key 'nope' not found" },
    ]);
  });

  it("names the list element in full_key for errors inside lists", () => {
    const e = failure(() => resolve("l:\n  - ok\n  - {k: '${nope}'}"));
    expect(e.message).toBe("Interpolation key 'nope' not found\n    full_key: l[1].k\n    object_type=dict");
  });

  it("reports a missing target as InterpolationToMissingValueError with its full key (i11)", () => {
    const e = failure(() => resolve("a:\n  m: ???\nr: ${a.m}"));
    expect(e.pythonType).toBe("InterpolationToMissingValueError");
    expect(e.chain.at(-1)).toEqual({
      error: "MissingMandatoryValue",
      message: "Missing mandatory value: a.m",
    });
  });

  it("points errors at the interpolation's file, line and column", () => {
    const e = failure(() => resolve("a: 1\nb:\n  c: ${nope}"));
    expect(e.pos).toEqual({ file: FILE, line: 3, column: 6 });
    expect(e.format()).toMatch(/^\/cfg\/config\.yaml:3:6: Interpolation key 'nope' not found/);
  });
});

describe("provenance", () => {
  it("keeps the position of the node that provided the value and lists the interpolations it came through", () => {
    const out = resolve("a: 1\nb: ${a}\nc: ${b}\nds: {x: 5}\ncfg: ${ds}");
    expect(child(out, "c").pos).toEqual({ file: FILE, line: 1, column: 4 });
    expect(child(out, "c").via).toEqual([
      { file: FILE, line: 3, column: 4 },
      { file: FILE, line: 2, column: 4 },
    ]);
    expect(child(out, "cfg.x").pos).toEqual({ file: FILE, line: 4, column: 9 });
    expect(child(out, "cfg.x").via).toEqual([{ file: FILE, line: 5, column: 6 }]);
    expect(child(out, "a").via).toBeUndefined();
  });
});

describe("missing values", () => {
  it("keeps '???' by default and raises with throwOnMissing (m04, m05)", () => {
    const tree = load("a: 1\nnested:\n  k: ???");
    expect(toPlain(resolveTree(tree))).toEqual({ a: 1, nested: { k: "???" } });
    const e = failure(() => resolveTree(tree, { throwOnMissing: true }));
    expect(e.chain).toEqual([
      {
        error: "MissingMandatoryValue",
        message: "Missing mandatory value: k\n    full_key: nested.k\n    object_type=dict",
      },
      { error: "MissingMandatoryValue", message: "Missing mandatory value: $KEY" },
    ]);
  });
});

describe("resolvers", () => {
  it("oc.env returns strings; a default goes through str(), null stays None (i12)", () => {
    expect(
      plain("a: ${oc.env:V}\nb: ${oc.env:U,123}\nc: ${oc.env:U,null}\nd: \"${oc.env:U,'a, b'}\"", { V: "3" }),
    ).toEqual({
      a: "3",
      b: "123",
      c: null,
      d: "a, b",
    });
  });

  it("oc.env only sees real variables, not JS object properties", () => {
    expect(plain("a: ${oc.env:constructor,d}\nb: ${oc.env:__proto__,e}")).toEqual({ a: "d", b: "e" });
  });

  it("oc.select: default for a missing key, None for ???, relative keys", () => {
    expect(
      plain(
        "m: ???\nx: 1\nd:\n  y: 2\n  s1: ${oc.select:nope,dflt}\n  s2: ${oc.select:m}\n  s3: ${oc.select:.y}\n  s4: ${oc.select:x}",
      ),
    ).toEqual({
      m: "???",
      x: 1,
      d: { y: 2, s1: "dflt", s2: null, s3: 2, s4: 1 },
    });
  });

  it("oc.decode parses with the element grammar (i15)", () => {
    expect(
      plain("s: '[1, 2, x]'\nd1: ${oc.decode:${s}}\nd2: \"${oc.decode:'1e-3'}\"\nd3: ${oc.decode:null}"),
    ).toEqual({
      s: "[1, 2, x]",
      d1: [1, 2, "x"],
      d2: 0.001,
      d3: null,
    });
  });

  it("oc.create, oc.dict.keys and oc.dict.values", () => {
    expect(
      plain(
        "d: {a: 1, b: '${x}'}\nx: 7\nc: '${oc.create:{k: 1}}'\nk: ${oc.dict.keys:d}\nv: ${oc.dict.values:d}",
      ),
    ).toEqual({
      d: { a: 1, b: 7 },
      x: 7,
      c: { k: 1 },
      k: ["a", "b"],
      v: [1, 7],
    });
  });

  it("now formats the clock with strftime; a pattern without % is constant (i22)", () => {
    expect(plain("t: ${now:%Y%m%d_%H%M%S}\nc: ${now:abc}\nm: ${exp}-${now:%Y%m%d_%H%M%S}\nexp: e")).toEqual({
      t: "20250102_030405",
      c: "abc",
      m: "e-20250102_030405",
      exp: "e",
    });
  });

  it("python_version gives the reference interpreter's version (i30)", () => {
    expect(plain("a: ${python_version:major}\nb: ${python_version:minor}")).toEqual({ a: "3", b: "3.11" });
  });

  it("hydra:... fails because HydraConfig is not set under compose (i23)", () => {
    const e = failure(() => resolve("j: ${hydra:job.name}"));
    expect(e.chain.map((l) => l.error)).toEqual([
      "InterpolationResolutionError",
      "InterpolationResolutionError",
      "ValueError",
    ]);
  });

  it("an unknown resolver is UnsupportedInterpolationType (i19)", () => {
    expect(failure(() => resolve("a: ${env:HOME}")).message).toBe(
      "Unsupported interpolation type env\n    full_key: a\n    object_type=dict",
    );
  });
});

describe("validateInterpolations", () => {
  it("accepts well-formed strings and leaves keys alone (y13)", () => {
    expect(() => validateInterpolations(load("a: 1\n${a}: v\nb: x_${a}"))).not.toThrow();
  });

  it("reports the first malformed string with its position (i20)", () => {
    const e = failure(() => validateInterpolations(load("a: 1\nb: ${a\nc: ${")));
    expect(e.pythonType).toBe("GrammarParseError");
    expect(e.message).toBe("no viable alternative at input '${a'\n    full_key: b\n    object_type=dict");
    expect(e.pos).toEqual({ file: FILE, line: 2, column: 4 });
  });
});

describe("selectNode", () => {
  it("walks dotted, bracketed and indexed paths without resolving", () => {
    const tree = load("a: {b: {c: 1}}\nl: [x, {k: '${a}'}]");
    expect(toPlain(child(tree, "a.b.c"))).toBe(1);
    expect(toPlain(child(tree, "[a][b].c"))).toBe(1);
    expect(toPlain(child(tree, "l.1.k"))).toBe("${a}");
    expect(selectNode(tree, "l[-1]")).toBeUndefined();
    expect(selectNode(tree, "a.x.y")).toBeUndefined();
    expect(getEntry(tree as never, "a")).toBeDefined();
  });
});
