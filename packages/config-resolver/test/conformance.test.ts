// The differential suite: every case of the real Hydra 1.3 + OmegaConf 2.2 outputs in
// @roll/test-fixtures' conformance/ (copied verbatim from the shared reference data) must come out identical:
// - success: our toPythonJson(result, {nonFinite: "tagged"}) equals expected.json / resolved.json as text
//   (values, key order, int vs float);
// - failure: the kinds of our error chain equal the expected chain's kinds (outermost first) and our message
//   contains the first non-empty expected message. Where Hydra's outer exception has an empty message, ours
//   carries the cause's message instead (the chain still records the empty one).
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { HYDRA_CASES, ROLL_TREES } from "@roll/test-fixtures";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { compose } from "../src/hydra/compose.js";
import { omegaconfLoad } from "../src/hydra/omegaconf-load.js";
import { dictNode, listNode, type Node, scalarNode, setEntry } from "../src/model.js";
import { resolveTree, validateInterpolations } from "../src/omegaconf/resolve.js";
import { toPythonJson } from "../src/output/json.js";
import { loadYaml } from "../src/yaml/load.js";

const HYDRA_DIR = realpathSync(HYDRA_CASES);
const ROLL_DIR = realpathSync(ROLL_TREES);

/** Cases we cannot reproduce yet: id -> why. Each must still fail, so a fix forces its removal here. */
const KNOWN_GAPS: Record<string, string> = {};

/** Python's shlex.split (POSIX mode): quotes group and are removed, backslash escapes outside quotes. */
function shlexSplit(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === " " || c === "\t" || c === "\n") {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) throw new Error(`No closing quotation in: ${line}`);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= "";
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\" && '\\"'.includes(line[i + 1] ?? "")) i++;
        word += line[i];
      }
      if (i >= line.length) throw new Error(`No closing quotation in: ${line}`);
    } else if (c === "\\") {
      word = (word ?? "") + (line[++i] ?? "");
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

interface CaseCommand {
  configDir: string;
  configName: string;
  resolve: boolean;
  versionBase: "1.1" | "1.3";
  defaults: boolean;
  throwOnMissing: boolean;
  plain: boolean;
  overrides: string[];
}

function parseCmd(line: string): CaseCommand {
  const [configDir, configName, ...rest] = shlexSplit(line.trim());
  if (!configDir || !configName) throw new Error(`bad cmd: ${line}`);
  const cmd: CaseCommand = {
    configDir,
    configName,
    resolve: true,
    versionBase: "1.1",
    defaults: false,
    throwOnMissing: false,
    plain: false,
    overrides: [],
  };
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (word === "--no-resolve") cmd.resolve = false;
    else if (word === "--defaults") cmd.defaults = true;
    else if (word === "--throw-on-missing") cmd.throwOnMissing = true;
    else if (word === "--plain") cmd.plain = true;
    else if (word === "--version-base" || word.startsWith("--version-base=")) {
      const v = word.includes("=") ? word.slice(word.indexOf("=") + 1) : rest[++i];
      cmd.versionBase = v === "none" || v === "None" || v === "1.3" ? "1.3" : "1.1";
    } else cmd.overrides.push(word);
  }
  return cmd;
}

function readEnv(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

type Outcome = { ok: true; text: string } | { ok: false; error: ConfigError };

interface RunOptions {
  env: Record<string, string>;
  now?: Date;
}

/** Composes and converts like the reference script; a ConfigError is returned, anything else is a bug. */
function runCase(baseDir: string, cmd: CaseCommand, options: RunOptions): Outcome {
  try {
    const configDir = join(baseDir, cmd.configDir);
    const interp = {
      env: options.env,
      ...(options.now ? { now: options.now } : {}),
      throwOnMissing: cmd.throwOnMissing,
    };
    if (cmd.plain) {
      const file = realpathSync(join(configDir, `${cmd.configName}.yaml`));
      const node = omegaconfLoad(readFileSync(file, "utf8"), file);
      return {
        ok: true,
        text: toPythonJson(cmd.resolve ? resolveTree(node, interp) : node, { nonFinite: "tagged" }),
      };
    }
    const composed = compose(configDir, cmd.configName, {
      overrides: cmd.overrides,
      versionBase: cmd.versionBase,
    });
    if (cmd.defaults) return { ok: true, text: toPythonJson(defaultsNode(composed.defaults)) };
    let config = composed.config;
    if (cmd.resolve) config = resolveTree(config, interp);
    else validateInterpolations(config);
    return { ok: true, text: toPythonJson(config, { nonFinite: "tagged" }) };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, error: e };
    throw e;
  }
}

function defaultsNode(entries: ReturnType<typeof compose>["defaults"]): Node {
  return listNode(
    entries.map((d) => {
      const node = dictNode();
      setEntry(node, "config_path", scalarNode(d.config_path));
      setEntry(node, "package", scalarNode(d.package));
      setEntry(node, "parent", scalarNode(d.parent));
      setEntry(node, "is_self", scalarNode(d.is_self));
      setEntry(node, "primary", scalarNode(d.primary));
      return node;
    }),
  );
}

/** What an error is compared on: the kinds of its chain and whether our message has the expected text. */
interface ErrorSummary {
  kinds: string[];
  messageHasExpected: boolean;
}

function summarizeError(error: ConfigError, expectedMessage: string): ErrorSummary {
  return {
    kinds: error.chain.map((l) => l.error),
    messageHasExpected: error.message.includes(expectedMessage),
  };
}

function firstNonEmptyMessage(chain: { message: string }[]): string {
  return chain.find((l) => l.message.trim() !== "")?.message ?? "";
}

interface Comparison {
  actual: unknown;
  expected: unknown;
}

function compareHydraCase(id: string): Comparison {
  const caseDir = join(HYDRA_DIR, id);
  const cmd = parseCmd(readFileSync(join(caseDir, "cmd"), "utf8"));
  const envFile = join(caseDir, "env");
  const env = existsSync(envFile) ? readEnv(envFile) : {};
  const expectedText = readFileSync(join(caseDir, "expected.json"), "utf8").replace(/\n$/, "");
  const outcome = runCase(caseDir, cmd, { env });
  if (!expectedText.includes('"chain"') || !expectedText.startsWith('{\n "error"')) {
    return { actual: outcome.ok ? outcome.text : describeError(outcome.error), expected: expectedText };
  }
  const expected = JSON.parse(expectedText) as { chain: { error: string; message: string }[] };
  const message = firstNonEmptyMessage(expected.chain).replaceAll("$CASE_DIR", caseDir);
  const want: ErrorSummary = { kinds: expected.chain.map((l) => l.error), messageHasExpected: true };
  if (outcome.ok) return { actual: outcome.text, expected: want };
  const got = summarizeError(outcome.error, message);
  return {
    actual: got.messageHasExpected ? got : { ...got, message: outcome.error.message, wanted: message },
    expected: want,
  };
}

function describeError(e: ConfigError): string {
  return `${e.pythonType}: ${e.message}`;
}

function matches(c: Comparison): boolean {
  return isDeepStrictEqual(c.actual, c.expected);
}

const hydraCases = readdirSync(HYDRA_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("Hydra 1.3 / OmegaConf 2.2 conformance cases", () => {
  it("has all 96 cases", () => {
    expect(hydraCases).toHaveLength(96);
  });

  for (const id of hydraCases) {
    it(id, () => {
      const comparison = compareHydraCase(id);
      const gap = KNOWN_GAPS[id];
      if (gap)
        expect(matches(comparison), `${id} passes now: remove it from KNOWN_GAPS (${gap})`).toBe(false);
      else expect(comparison.actual).toEqual(comparison.expected);
    });
  }
});

interface RollIndexEntry {
  file: string;
  config_dir: string;
  config_name: string;
  status: "ok" | "compose_error";
  error?: string;
  warnings: string[];
}

const ROLL_NOW = new Date(2025, 0, 2, 3, 4, 5);
const ROLL_ENV = { WANDB_API_KEY: "GOLDEN_WANDB_API_KEY" };

function rollIndex(tree: string): RollIndexEntry[] {
  return (
    JSON.parse(readFileSync(join(ROLL_DIR, tree, "expected", "INDEX.json"), "utf8")) as {
      results: RollIndexEntry[];
    }
  ).results;
}

function compareRollConfig(tree: string, entry: RollIndexEntry): Comparison {
  const treeDir = join(ROLL_DIR, tree);
  const cmd = parseCmd(`${entry.config_dir} ${entry.config_name}`);
  const outcome = runCase(treeDir, cmd, { env: ROLL_ENV, now: ROLL_NOW });
  const expectedBase = join(treeDir, "expected", entry.file);
  if (entry.status === "ok") {
    const expected = readFileSync(`${expectedBase}.resolved.json`, "utf8").replace(/\n$/, "");
    return { actual: outcome.ok ? outcome.text : describeError(outcome.error), expected };
  }
  const firstLine = readFileSync(`${expectedBase}.error.txt`, "utf8")
    .split("\n")[0]
    ?.replaceAll("$TREE_DIR", treeDir);
  return {
    actual: outcome.ok ? outcome.text : describeError(outcome.error).split("\n")[0],
    expected: firstLine,
  };
}

describe("ROLL example configs (reference outputs of Hydra 1.3.5)", () => {
  const trees = ["v0.2", "v0.3"];
  const all = trees.flatMap((tree) => rollIndex(tree).map((entry) => ({ tree, entry })));

  it("has all 17 configs", () => {
    expect(all).toHaveLength(17);
  });

  for (const { tree, entry } of all) {
    const id = `${tree}/${entry.file}`;
    it(id, () => {
      const comparison = compareRollConfig(tree, entry);
      const gap = KNOWN_GAPS[id];
      if (gap)
        expect(matches(comparison), `${id} passes now: remove it from KNOWN_GAPS (${gap})`).toBe(false);
      else expect(comparison.actual).toEqual(comparison.expected);
    });
  }

  it("composes each config to the tree OmegaConf.to_yaml printed before resolution", () => {
    for (const { tree, entry } of all) {
      if (entry.status !== "ok") continue;
      const expectedFile = join(ROLL_DIR, tree, "expected", `${entry.file}.composed.yaml`);
      const expected = loadYaml(readFileSync(expectedFile, "utf8"), expectedFile);
      const composed = compose(join(ROLL_DIR, tree, entry.config_dir), entry.config_name);
      expect(toPythonJson(composed.config), `${tree}/${entry.file}`).toBe(toPythonJson(expected));
    }
  });

  it("emits Hydra's warnings (the missing _self_ warning; version_base warnings are not ours)", () => {
    for (const { tree, entry } of all) {
      if (entry.status !== "ok") continue;
      const composed = compose(join(ROLL_DIR, tree, entry.config_dir), entry.config_name);
      const expected = entry.warnings.filter((w) => w.startsWith("UserWarning: ")).map((w) => w.slice(13));
      expect(composed.warnings, `${tree}/${entry.file}`).toEqual(expected);
    }
  });
});
