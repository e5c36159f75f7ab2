// The runtime part of Hydra's own node, as ConfigLoaderImpl._load_configuration_impl (v1.3.2) fills it after
// composing: the overrides, the group choices, the config sources, job.name / config_name / override_dirname
// and the environment copied by hydra.job.env_copy. compose() never shows the node; `${hydra:...}` reads it
// when the config is resolved as under @hydra.main (HydraConfig set).
import { ConfigError } from "../errors.js";
import { type DictNode, dictNode, getEntry, listNode, type Node, scalarNode, setEntry } from "../model.js";
import { mergeNodes } from "../omegaconf/merge.js";
import { cloneTree } from "../omegaconf/tree.js";
import { applyConfigOverrides } from "./apply-overrides.js";
import type { ConfigSource } from "./config-repository.js";
import type { KnownChoices } from "./default-element.js";
import type { Override } from "./override-parser.js";

export interface HydraRuntime {
  configName: string;
  overrides: Override[];
  /** The `hydra:` nodes of the configs merged at the root, in merge order. */
  userNodes: Node[];
  knownChoices: KnownChoices;
  sources: ConfigSource[];
  cwd: string;
  versionBase: "1.1" | "1.3";
  env: Record<string, string | undefined>;
  /** hydra.job.name when nothing sets it (initialize_config_dir's job_name, "app" for ROLL). */
  jobName: string;
}

/** Hydra's own group choices (hydra/config's defaults list), unless an override picked another option. */
const HYDRA_CHOICES: [string, string | null][] = [
  ["hydra/output", "default"],
  ["hydra/launcher", "basic"],
  ["hydra/sweeper", "basic"],
  ["hydra/help", "default"],
  ["hydra/hydra_help", "default"],
  ["hydra/hydra_logging", "default"],
  ["hydra/job_logging", "default"],
  ["hydra/callbacks", null],
  ["hydra/env", "default"],
];

function child(parent: DictNode, key: string): DictNode {
  const existing = getEntry(parent, key)?.node;
  if (existing?.kind === "dict") return existing;
  const d = dictNode();
  setEntry(parent, key, d);
  return d;
}

function strings(node: Node | undefined): string[] {
  return node?.kind === "list"
    ? node.items.flatMap((i) => (i.kind === "scalar" && i.value !== null ? [String(i.value)] : []))
    : [];
}

function scalarString(node: Node | undefined, fallback: string): string {
  return node?.kind === "scalar" && node.value !== null ? String(node.value) : fallback;
}

/** Builds the hydra node; throws KeyError like Hydra when hydra.job.env_copy names an unset variable. */
export function buildHydraNode(r: HydraRuntime): DictNode {
  let root: Node = dictNode();
  setEntry(root as DictNode, "hydra", dictNode());
  for (const n of r.userNodes) {
    if (n.kind !== "dict") continue;
    const wrapper = dictNode();
    setEntry(wrapper, "hydra", cloneTree(n));
    root = mergeNodes(root, wrapper, { root });
  }
  const valueOverrides = r.overrides.filter((o) => o.keyOrGroup.startsWith("hydra.") && o.type !== "del");
  for (const o of valueOverrides) {
    try {
      applyConfigOverrides(root as DictNode, [{ ...o, type: "force_add" }]);
    } catch {
      // checked against the schema already; what Hydra accepted only changes this derived node
    }
  }
  const hydra = child(root as DictNode, "hydra");
  const job = child(hydra, "job");
  const runtime = child(hydra, "runtime");
  const overrides = child(hydra, "overrides");
  const lines = (pick: (o: Override) => boolean, key: string) =>
    setEntry(
      overrides,
      key,
      listNode(
        [...strings(getEntry(overrides, key)?.node), ...r.overrides.filter(pick).map((o) => o.inputLine)].map(
          (l) => scalarNode(l),
        ),
      ),
    );
  const isHydra = (o: Override) => o.keyOrGroup.startsWith("hydra.") || o.keyOrGroup.startsWith("hydra/");
  lines(isHydra, "hydra");
  lines((o) => !isHydra(o), "task");

  const choices = child(runtime, "choices");
  const picked = new Map(HYDRA_CHOICES);
  for (const o of r.overrides) {
    if (
      o.keyOrGroup.startsWith("hydra/") &&
      o.value?.kind === "scalar" &&
      typeof o.value.value === "string"
    ) {
      picked.set(o.keyOrGroup, o.value.value);
    }
  }
  for (const [k, v] of r.knownChoices) setEntry(choices, k, scalarNode(v));
  for (const [k, v] of [...picked].reverse()) setEntry(choices, k, scalarNode(v));

  const envSet = child(job, "env_set");
  for (const key of strings(getEntry(job, "env_copy")?.node)) {
    const value = r.env[key];
    if (value === undefined) {
      throw new ConfigError("KeyError", `'${key}'`, {
        chain: [
          { error: "KeyError", message: `'${key}'` },
          { error: "KeyError", message: `b'${key}'` },
        ],
      });
    }
    setEntry(envSet, key, scalarNode(value));
  }

  setEntry(runtime, "version", scalarNode("1.3.2"));
  setEntry(runtime, "version_base", scalarNode(r.versionBase));
  setEntry(runtime, "cwd", scalarNode(r.cwd));
  const source = (path: string, schema: string, provider: string) => {
    const d = dictNode();
    setEntry(d, "path", scalarNode(path));
    setEntry(d, "schema", scalarNode(schema));
    setEntry(d, "provider", scalarNode(provider));
    return d;
  };
  setEntry(
    runtime,
    "config_sources",
    listNode([
      source("hydra.conf", "pkg", "hydra"),
      ...r.sources.map((s) => source(s.path, "file", s.provider)),
      source("", "structured", "schema"),
    ]),
  );

  // HydraConf's own defaults (what Hydra's own YAML configs provide is not reproduced).
  const setDefault = (d: DictNode, key: string, value: Node) => {
    if (getEntry(d, key) === undefined) setEntry(d, key, value);
  };
  setDefault(hydra, "mode", scalarNode(null));
  setDefault(
    hydra,
    "searchpath",
    listNode(
      r.sources
        .filter((s) => s.provider.startsWith("hydra.searchpath"))
        .map((s) => scalarNode(`file://${s.path}`)),
    ),
  );
  setDefault(hydra, "callbacks", dictNode());
  setDefault(hydra, "output_subdir", scalarNode(".hydra"));
  setDefault(hydra, "verbose", scalarNode(false));
  setDefault(job, "chdir", scalarNode(null));
  setDefault(job, "env_copy", listNode());
  const name = getEntry(job, "name")?.node;
  if (name === undefined || (name.kind === "scalar" && name.value === "???"))
    setEntry(job, "name", scalarNode(r.jobName));
  const dirname = child(child(job, "config"), "override_dirname");
  setDefault(dirname, "kv_sep", scalarNode("="));
  setDefault(dirname, "item_sep", scalarNode(","));
  setDefault(dirname, "exclude_keys", listNode());
  const kvSep = scalarString(getEntry(dirname, "kv_sep")?.node, "=");
  const itemSep = scalarString(getEntry(dirname, "item_sep")?.node, ",");
  const exclude = new Set(strings(getEntry(dirname, "exclude_keys")?.node));
  const parts = r.overrides
    .filter((o) => !isHydra(o))
    .filter((o) => !exclude.has(o.keyOrGroup))
    .map((o) => o.inputLine);
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  setEntry(job, "override_dirname", scalarNode(parts.join(itemSep).replaceAll("=", kvSep)));
  setEntry(job, "config_name", scalarNode(r.configName));
  return hydra;
}
