// Drives the language server over stdio with vscode-jsonrpc on a ROLL-layout tree (examples/<dir>/ primary,
// examples/config/ ROLL 0.2's own presets). Expected positions are found in the fixture text itself;
// expected findings are what `roll-config validate` reports for the same files.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LspClient, type PublishedDiagnostics } from "./helpers/lsp-client.js";
import { rollTree } from "./helpers/roll-tree.js";

const { root, primary: primaryFile, preset: presetFile } = rollTree();
const primary = pathToFileURL(primaryFile).href;
const preset = pathToFileURL(presetFile).href;
const primaryText = readFileSync(primaryFile, "utf8");
const presetText = readFileSync(presetFile, "utf8");

/** 0-based line and UTF-16 character of `needle` (the `nth` occurrence) in `text`. */
function find(text: string, needle: string, nth = 0): { line: number; character: number } {
  const lines = text.split("\n");
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    let from = 0;
    for (;;) {
      const character = lines[line]!.indexOf(needle, from);
      if (character === -1) break;
      if (seen++ === nth) return { line, character };
      from = character + 1;
    }
  }
  throw new Error(`"${needle}" not in text`);
}

interface Hover {
  contents: { kind: string; value: string };
}
interface Location {
  uri: string;
  range: { start: { line: number; character: number } };
}
interface CompletionItem {
  label: string;
}
interface CodeAction {
  title: string;
  edit: { changes: Record<string, { range: unknown; newText: string }[]> };
}

const codes = (p: PublishedDiagnostics | undefined) => (p?.diagnostics ?? []).map((d) => d.code);

let client: LspClient;
let version = 1;
const firstPublish: Record<string, PublishedDiagnostics> = {};

async function change(uri: string, text: string): Promise<void> {
  version += 1;
  await client.notify("textDocument/didChange", {
    textDocument: { uri, version },
    contentChanges: [{ text }],
  });
}

/** Edits `uri` to `text`; the first diagnostics published after that which satisfy `until`. */
async function editAndWait(uri: string, text: string, until: (p: PublishedDiagnostics) => boolean) {
  const since = client.published.length;
  await change(uri, text);
  return client.nextDiagnostics(uri, until, since);
}

/** The range of `key` written in `text`: exactly the key, without its colon. */
function keySpan(text: string, key: string) {
  const start = find(text, key);
  return { start, end: { ...start, character: start.character + key.length } };
}

beforeAll(async () => {
  client = new LspClient();
  await client.request("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: "roll" }],
    capabilities: {},
    initializationOptions: { debounceMs: 10 },
  });
  await client.notify("initialized", {});
  firstPublish.primary = await client.nextDiagnostics(primary, () => true, 0);
  firstPublish.preset = await client.nextDiagnostics(preset, () => true, 0);
  await client.notify("textDocument/didOpen", {
    textDocument: { uri: primary, languageId: "yaml", version, text: primaryText },
  });
});

afterAll(async () => {
  await client?.stop();
});

describe("roll-config-language-server over stdio", () => {
  it("publishes each finding on the file and line that wrote it, after scanning the workspace", () => {
    const unknown = firstPublish.primary!.diagnostics.find(
      (d) => d.data && (d.data as { path: string }).path === "actor_train.model_args.flash_attn",
    );
    expect(unknown?.code).toBe("roll/unknown-key");
    expect(unknown?.severity).toBe(2); // Warning
    expect(unknown?.range.start).toEqual(find(primaryText, "flash_attn"));
    expect(unknown?.range.end).toEqual({
      ...find(primaryText, "flash_attn"),
      character: find(primaryText, "flash_attn").character + "flash_attn".length,
    });
    // The preset's "auto" is reported in the preset (reached through ${deepspeed_zero3} of the primary).
    const auto = firstPublish.preset!.diagnostics.find((d) => d.code === "ds/auto-dropped");
    expect(auto?.range.start).toEqual(find(presetText, "auto", 1)); // reduce_bucket_size: auto
    expect(auto?.message).toContain("reduce_bucket_size");
    expect(codes(firstPublish.preset).every((c) => c === "ds/auto-dropped")).toBe(true);
  });

  it("shows Hydra's missing-_self_ notice on the primary's `defaults` key, as information", () => {
    const notice = firstPublish.primary!.diagnostics.find((d) => d.code === "hydra/missing-self");
    expect(notice?.severity).toBe(3); // Information
    expect(notice?.range).toEqual(keySpan(primaryText, "defaults"));
    // Hydra's text (the CLI prints the same line on stderr).
    expect(notice?.message).toBe(
      "In 'rlvr_config': Defaults list is missing `_self_`. See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/default_composition_order for more information",
    );
    expect(codes(firstPublish.preset)).not.toContain("hydra/missing-self");
  });

  it("counts columns in UTF-16 code units after a character outside the BMP", () => {
    const d = firstPublish.primary!.diagnostics.find(
      (x) => (x.data as { path: string }).path === "actor_train.data_args.interleave_probs",
    );
    // "🚀" is one code point (the resolver's column) but two UTF-16 units.
    expect(d?.range.start).toEqual(find(primaryText, "interleave_probs"));
  });

  it("hovers a key with its resolved value, where it was set and what it overrode", async () => {
    const at = find(primaryText, "stage3_max_live_parameters");
    const hover = await client.request<Hover>("textDocument/hover", {
      textDocument: { uri: primary },
      position: at,
    });
    const text = hover.contents.value;
    expect(text).toContain("deepspeed_zero3.zero_optimization.stage3_max_live_parameters");
    expect(text).toContain("2000000000.0"); // a float, printed as Python does
    const presetLine = find(presetText, "stage3_max_live_parameters").line + 1;
    expect(text).toMatch(new RegExp(`set at \\[examples/config/deepspeed_zero3.yaml:${presetLine}:`));
    expect(text).toMatch(
      new RegExp(`overrode at \\[examples/qwen2.5-7B-rlvr/rlvr_config.yaml:${at.line + 1}:`),
    );
  });

  it("hovers an interpolation with the value it reads", async () => {
    const at = find(primaryText, "${response_length}");
    const hover = await client.request<Hover>("textDocument/hover", {
      textDocument: { uri: primary },
      position: { line: at.line, character: at.character + 3 },
    });
    expect(hover.contents.value).toContain("reads **response_length** = `4096`");
    expect(hover.contents.value).toContain(
      `rlvr_config.yaml:${find(primaryText, "response_length:").line + 1}:`,
    );
  });

  it("goes from a defaults entry to the file it loads", async () => {
    const at = find(primaryText, "../config/deepspeed_zero3@_here_");
    const def = await client.request<Location>("textDocument/definition", {
      textDocument: { uri: primary },
      position: at,
    });
    expect(def.uri).toBe(preset);
  });

  it("goes from ${a.b} to the node it reads, in another file", async () => {
    const at = find(primaryText, "${deepspeed_zero3}");
    const def = await client.request<Location>("textDocument/definition", {
      textDocument: { uri: primary },
      position: { line: at.line, character: at.character + 4 },
    });
    expect(def.uri).toBe(preset);
    expect(def.range.start.line).toBe(find(presetText, "deepspeed_zero3:").line);
  });

  it("goes from a preset value to the line that finally set it", async () => {
    await client.notify("textDocument/didOpen", {
      textDocument: { uri: preset, languageId: "yaml", version: 1, text: presetText },
    });
    const def = await client.request<Location>("textDocument/definition", {
      textDocument: { uri: preset },
      position: find(presetText, "stage3_max_live_parameters"),
    });
    expect(def.uri).toBe(primary);
    expect(def.range.start.line).toBe(find(primaryText, "stage3_max_live_parameters").line);
  });

  it("completes keys and enum values under model_args from the schema", async () => {
    const lines = primaryText.split("\n");
    const dtype = find(primaryText, "dtype: bf16").line; // actor_train.model_args
    const edited = [...lines.slice(0, dtype + 1), "    ", ...lines.slice(dtype + 1)].join("\n");
    await change(primary, edited);
    const items = await client.request<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri: primary },
      position: { line: dtype + 1, character: 4 },
    });
    const labels = items.map((i) => i.label);
    expect(labels).toContain("attn_implementation");
    expect(labels).toContain("model_name_or_path");
    expect(labels).not.toContain("gpu_memory_utilization");

    const withKey = [
      ...lines.slice(0, dtype + 1),
      "    attn_implementation: ",
      ...lines.slice(dtype + 1),
    ].join("\n");
    await change(primary, withKey);
    const values = await client.request<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri: primary },
      position: { line: dtype + 1, character: "    attn_implementation: ".length },
    });
    expect(values.map((i) => i.label)).toEqual(expect.arrayContaining(["sdpa", "fa2", "auto"]));
    await change(primary, primaryText);
  });

  it("completes DeepSpeed keys under strategy_config when strategy_name is deepspeed_train, and follows strategy_name", async () => {
    const inline = primaryText.replace(
      "    strategy_config: ${deepspeed_zero3}\n",
      "    strategy_config:\n      zero_optimization:\n        stage: 3\n        \n",
    );
    await change(primary, inline);
    const blank = find(inline, "        stage: 3").line + 1;
    const items = await client.request<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri: primary },
      position: { line: blank, character: 8 },
    });
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(["offload_param", "offload_optimizer", "overlap_comm"]));
    // The vLLM worker's strategy_config offers vLLM keys instead.
    const vllm = find(inline, "      gpu_memory_utilization");
    const vllmItems = await client.request<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri: primary },
      position: { line: vllm.line, character: 6 },
    });
    expect(vllmItems.map((i) => i.label)).not.toContain("zero_optimization");
    expect(vllmItems.map((i) => i.label)).toContain("gpu_memory_utilization");
    await change(primary, primaryText);
  });

  it("completes a ZeRO preset's keys through the interpolation that carries it into strategy_config", async () => {
    const lines = presetText.split("\n");
    const stage = find(presetText, "stage: 3").line;
    await change(preset, [...lines.slice(0, stage + 1), "    ", ...lines.slice(stage + 1)].join("\n"));
    const items = await client.request<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri: preset },
      position: { line: stage + 1, character: 4 },
    });
    expect(items.map((i) => i.label)).toEqual(
      expect.arrayContaining(["offload_param", "stage3_gather_16bit_weights_on_model_save"]),
    );
    await change(preset, presetText);
  });

  it("completes preset names inside the defaults list", async () => {
    const lines = primaryText.split("\n");
    const edited = [lines[0], "  - ", ...lines.slice(1)].join("\n");
    await change(primary, edited);
    const items = await client.request<(CompletionItem & { textEdit?: { newText: string } })[]>(
      "textDocument/completion",
      {
        textDocument: { uri: primary },
        position: { line: 1, character: 4 },
      },
    );
    expect(items.map((i) => i.textEdit?.newText)).toEqual(
      expect.arrayContaining(["../config/deepspeed_zero2@_here_", "../config/deepspeed_zero3@_here_"]),
    );
    await change(primary, primaryText);
  });

  it("offers the did-you-mean rename and the removal of a key ROLL drops", async () => {
    const diagnostic = firstPublish.primary!.diagnostics.find(
      (d) => (d.data as { path: string }).path === "actor_train.model_args.flash_attn",
    )!;
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: primary },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const rename = actions.find((a) => a.title.startsWith("Rename"));
    expect(rename?.edit.changes[primary]?.[0]?.newText).toBe("attn_implementation");
    const remove = actions.find((a) => a.title.startsWith("Remove"));
    const line = find(primaryText, "flash_attn").line;
    expect(remove?.edit.changes[primary]?.[0]).toEqual({
      range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
      newText: "",
    });
  });

  it("re-checks on an edit that introduces an error, keeps serving hover, and clears it on the fix", async () => {
    const broken = primaryText.replace("seed: 42", "seed: [42");
    const since = client.published.length;
    await change(primary, broken);
    const withError = await client.nextDiagnostics(primary, (p) => codes(p).includes("roll/compose"), since);
    const error = withError.diagnostics.find((d) => d.code === "roll/compose")!;
    expect(error.severity).toBe(1);
    expect(error.range.start.line).toBeGreaterThanOrEqual(find(broken, "seed: [42").line);
    // The last good composition still answers.
    const hover = await client.request<Hover>("textDocument/hover", {
      textDocument: { uri: primary },
      position: find(broken, "rollout_batch_size"),
    });
    expect(hover.contents.value).toContain("**rollout_batch_size** = `64`");

    const wrongType = primaryText.replace("rollout_batch_size: 64", "rollout_batch_size: many");
    const since2 = client.published.length;
    await change(primary, wrongType);
    const typed = await client.nextDiagnostics(primary, (p) => codes(p).includes("roll/schema"), since2);
    const schema = typed.diagnostics.find((d) => d.code === "roll/schema")!;
    expect(schema.range.start).toEqual(find(wrongType, "many"));

    const since3 = client.published.length;
    await change(primary, primaryText);
    const fixed = await client.nextDiagnostics(primary, (p) => !codes(p).includes("roll/schema"), since3);
    expect(codes(fixed)).not.toContain("roll/compose");
    expect(codes(fixed)).toContain("roll/unknown-key");
  });

  it("re-checks the primary when a preset it includes is edited (unsaved text)", async () => {
    const edited = presetText.replace("reduce_bucket_size: auto", "reduce_bucket_size: 500000000");
    const since = client.published.length;
    await change(preset, edited);
    const after = await client.nextDiagnostics(
      preset,
      (p) => !p.diagnostics.some((d) => d.message.includes("reduce_bucket_size")),
      since,
    );
    expect(codes(after)).toContain("ds/auto-dropped"); // the other "auto" values are still reported
    // An error written in the preset is placed in the preset, found through the primary's composition.
    const bad = presetText.replace("stage: 3", "stage: 7");
    const since2 = client.published.length;
    await change(preset, bad);
    const withError = await client.nextDiagnostics(
      preset,
      (p) => p.diagnostics.some((d) => d.severity === 1),
      since2,
    );
    const error = withError.diagnostics.find((d) => d.severity === 1)!;
    expect(error.range.start.line).toBe(find(bad, "stage: 7").line);
    await change(preset, presetText);
  });

  it("a dropped key containing a dot: the range covers the whole key, and the quick fix removes it", async () => {
    // ROLL drops `rope.scaling` as one unknown key of ModelArguments; its last segment is not `scaling`.
    const dotted = primaryText.replace("    flash_attn: fa2\n", "    flash_attn: fa2\n    rope.scaling: 2\n");
    const isDotted = (x: { data?: unknown }) => (x.data as { path: string }).path.endsWith("rope.scaling");
    const published = await editAndWait(primary, dotted, (p) => p.diagnostics.some(isDotted));
    const d = published.diagnostics.find(isDotted)!;
    expect(d.code).toBe("roll/unknown-key");
    const { start } = keySpan(dotted, "rope.scaling");
    expect(d.range).toEqual(keySpan(dotted, "rope.scaling"));
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: primary },
      range: d.range,
      context: { diagnostics: [d] },
    });
    expect(actions.map((a) => a.title)).toContain("Remove 'rope.scaling' (ROLL drops it)");
    const remove = actions.find((a) => a.title.startsWith("Remove"));
    expect(remove?.edit.changes[primary]?.[0]).toEqual({
      range: { start: { line: start.line, character: 0 }, end: { line: start.line + 1, character: 0 } },
      newText: "",
    });
    // Hover reads the key through the shared view: "rope.scaling" is one segment.
    const hover = await client.request<Hover>("textDocument/hover", {
      textDocument: { uri: primary },
      position: start,
    });
    expect(hover.contents.value).toContain("**actor_train.model_args.rope.scaling** = `2`");
    await change(primary, primaryText);
  });

  it("a DeepSpeed finding about a key containing a dot, in a preset: the range covers the whole key", async () => {
    // `bogus.key` is one top-level DeepSpeed key (DeepSpeed ignores it), carried by ${deepspeed_zero3}.
    const edited = presetText.replace("deepspeed_zero3:\n", "deepspeed_zero3:\n  bogus.key: 1\n");
    const published = await editAndWait(preset, edited, (p) => codes(p).includes("ds/unknown-top-level-key"));
    const d = published.diagnostics.find((x) => x.code === "ds/unknown-top-level-key")!;
    expect(d.range).toEqual(keySpan(edited, "bogus.key"));
    await change(preset, presetText);
  });

  it("never crashes on half-typed YAML", async () => {
    for (const text of [
      "actor_train:\n  model_args:\n    fla",
      "defaults:\n  - ",
      ": : :\n\t- [",
      "a: ${",
      "",
    ]) {
      await change(primary, text);
      const hover = await client.request("textDocument/hover", {
        textDocument: { uri: primary },
        position: { line: 2, character: 5 },
      });
      const items = await client.request<unknown[]>("textDocument/completion", {
        textDocument: { uri: primary },
        position: { line: 1, character: 4 },
      });
      expect(hover === null || typeof hover === "object").toBe(true);
      expect(Array.isArray(items)).toBe(true);
    }
    await change(primary, primaryText);
    expect(client.stderr).not.toMatch(/TypeError|ReferenceError/);
  });
});
