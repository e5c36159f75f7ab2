// Hydra's defaults-list algorithm, ported from hydra/_internal/defaults_list.py (v1.3.2): build the defaults
// tree depth first (children in reverse, so later entries register overrides and choices first), resolve
// interpolated options against the choices made, then walk the tree into the final merge order.
import { ConfigError } from "../errors.js";
import type { Node, SourcePos } from "../model.js";
import { at, type ConfigRepository, type HydraWarning } from "./config-repository.js";
import {
  ConfigDefault,
  GroupDefault,
  InputDefault,
  type KnownChoices,
  VirtualRoot,
} from "./default-element.js";
import { compositionError } from "./errors.js";
import { Overrides } from "./group-overrides.js";
import type { Override } from "./override-parser.js";

export interface ResultDefault {
  configPath: string;
  parent: string | null;
  package: string;
  isSelf: boolean;
  primary: boolean;
  overrideKey: string | null;
  /** The defaults entry that produced this item (absent for the primary and implicit `_self_`). */
  pos: SourcePos | undefined;
}

interface TreeNode {
  node: InputDefault;
  children: (TreeNode | InputDefault)[] | null;
  parent: TreeNode | null;
  /** Real path of the loaded config, to detect defaults cycles. */
  file?: string;
}

/** The groups of Hydra's own defaults list (hydra/config). */
const HYDRA_GROUPS = new Set(
  [
    "output",
    "launcher",
    "sweeper",
    "help",
    "hydra_help",
    "hydra_logging",
    "job_logging",
    "callbacks",
    "env",
  ].map((g) => `hydra/${g}`),
);

const SELF_WARNING_URL = "https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/default_composition_order";

class DefaultsTreeBuilder {
  private readonly warnings: HydraWarning[];

  constructor(
    private readonly repo: ConfigRepository,
    private readonly overrides: Overrides,
  ) {
    this.warnings = repo.warnings;
  }

  build(root: TreeNode, isRootConfig: boolean, interpolatedSubtree: boolean): TreeNode {
    const parent = root.node;
    if (parent.isVirtual()) return isRootConfig ? this.expandVirtualRoot(root) : root;
    const { repo, overrides } = this;

    if (isRootConfig) {
      parent.updateParent("", "");
      if (!repo.configExists(parent.getConfigPath())) this.configNotFound(root);
    }
    this.updatePackageHeader(parent);
    if (overrides.isDeleted(parent)) {
      overrides.delete(parent);
      return root;
    }
    overrides.setKnownChoice(parent);
    if (parent.getName() === null) return root;
    if (this.checkNotMissing(parent)) return root;

    const path = parent.getConfigPath();
    const loaded = repo.loadConfig(path, parent.pos);
    if (loaded === null) {
      if (parent.isOptional()) {
        parent.deleted = true;
        return root;
      }
      this.configNotFound(root);
    }
    root.file = loaded.file;
    this.checkNoCycle(root);

    const defaultsList = loaded.defaultsList();
    if (defaultsList.length > 0 || (isRootConfig && overrides.appendGroupDefaults.length > 0)) {
      this.validateSelf(parent, defaultsList, hasConfigContent(loaded.config), loaded.defaultsPos);
    }
    if (isRootConfig) defaultsList.push(...overrides.appendGroupDefaults);
    this.updateOverrides(defaultsList, parent, interpolatedSubtree);

    const children: (TreeNode | InputDefault)[] = [];
    const addChild = (node: InputDefault): void => {
      const newRoot: TreeNode = { node, children: null, parent: root };
      const subtree = this.build(newRoot, false, interpolatedSubtree);
      children.push(subtree.children === null ? newRoot.node : subtree);
    };

    for (const d of [...defaultsList].reverse()) {
      if (d.isSelf()) {
        d.updateParent(root.node.parentBaseDir, root.node.getPackage());
        children.push(d);
        continue;
      }
      if (d.isOverride()) continue;
      d.updateParent(parent.getGroupPath(), parent.getFinalPackage());
      if (overrides.isOverridden(d)) overrides.overrideDefaultOption(d as GroupDefault);
      if (d instanceof GroupDefault && d.isOptions()) {
        for (const item of [...d.getOptions()].reverse()) {
          if (item.includes("${")) {
            throw compositionError(
              `In '${path}': Defaults List interpolation is not supported in options list items`,
              d.pos,
            );
          }
          const node = new ConfigDefault(
            { path: `${d.group}/${item}`, package: d.package, optional: d.isOptional() },
            d.legacy,
            d.pos,
          );
          node.updateParent(parent.getGroupPath(), parent.getFinalPackage());
          addChild(node);
        }
      } else if (d.isInterpolation()) {
        children.push(d); // resolved below, once every sibling has made its choice
      } else {
        addChild(d);
      }
    }

    const known = this.interpolationMap();
    children.forEach((dd, idx) => {
      if (isTreeNode(dd) || !dd.isInterpolation()) return;
      dd.resolveInterpolation(known);
      const newRoot: TreeNode = { node: dd, children: null, parent: root };
      dd.updateParent(parent.getGroupPath(), parent.getFinalPackage());
      const subtree = this.build(newRoot, false, true);
      if (subtree.children !== null) children[idx] = subtree;
    });

    if (children.length > 0) root.children = children.reverse();
    return root;
  }

  private expandVirtualRoot(root: TreeNode): TreeNode {
    const children: (TreeNode | InputDefault)[] = [];
    for (const d of [...(root.children ?? [])].reverse()) {
      const node = d as InputDefault;
      const newRoot: TreeNode = { node, children: null, parent: root };
      node.updateParent("", "");
      const subtree = this.build(newRoot, node.primary, false);
      children.push(subtree.children === null ? node : subtree);
    }
    if (children.length > 0) root.children = children.reverse();
    return root;
  }

  /** Hydra recurses forever on a cycle; we stop at the first revisit and name the chain. */
  private checkNoCycle(root: TreeNode): void {
    const chain: string[] = [root.node.getConfigPath()];
    for (let t = root.parent; t !== null; t = t.parent) {
      if (t.node.isVirtual()) break;
      chain.unshift(t.node.getConfigPath());
      if (t.file === root.file) {
        throw new ConfigError(
          "RecursionError",
          `maximum recursion depth exceeded: the defaults lists form a cycle ${chain.join(" -> ")}`,
          root.node.pos ? { pos: root.node.pos } : {},
        );
      }
    }
  }

  private updatePackageHeader(node: InputDefault): void {
    if (node.isMissing()) return;
    const loaded = this.repo.loadConfig(node.getConfigPath(), node.pos);
    if (loaded === null) return;
    const header = loaded.header.package;
    if (header !== null && node.legacy && (header.includes("_group_") || header.includes("_name_"))) {
      this.warnings.push(
        at(
          "hydra/deprecated",
          `In '${node.getConfigPath()}': Usage of deprecated keyword in package header '# @package ${header}'.\n` +
            "See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/changes_to_package_header for more information",
          loaded.header.pos,
        ),
      );
    }
    node.setPackageHeader(header);
  }

  private checkNotMissing(d: InputDefault): boolean {
    if (!d.getConfigPath().endsWith("???")) return false;
    if (d instanceof GroupDefault) {
      const key = d.getOverrideKey();
      const options = this.repo.groupOptions(d.getGroupPath());
      const msg = `You must specify '${key}', e.g, ${key}=<OPTION>\nAvailable options:\n`;
      throw compositionError(msg + options.map((x) => `\t${x}`).join("\n"), d.pos);
    }
    throw new ConfigError("ValueError", `Missing ConfigDefault is not supported : ${d.getConfigPath()}`, {
      ...(d.pos ? { pos: d.pos } : {}),
    });
  }

  /** Without `_self_`, the config's own content goes last; the primary warns when it has content. */
  private validateSelf(
    containing: InputDefault,
    defaults: InputDefault[],
    hasContent: boolean,
    defaultsPos: SourcePos | undefined,
  ): void {
    let hasSelf = false;
    let hasNonOverride = false;
    for (const d of defaults) {
      if (!d.isOverride()) hasNonOverride = true;
      if (d.isSelf()) {
        if (hasSelf)
          throw compositionError(`Duplicate _self_ defined in ${containing.getConfigPath()}`, d.pos);
        hasSelf = true;
      }
    }
    if ((!hasSelf && hasNonOverride) || defaults.length === 0) {
      if (containing.primary && hasContent && hasNonOverride) {
        const msg =
          `In '${containing.getConfigPath()}': Defaults list is missing \`_self_\`. ` +
          `See ${SELF_WARNING_URL} for more information`;
        if (process.env.SELF_WARNING_AS_ERROR === "1") throw compositionError(msg);
        this.warnings.push(at("hydra/missing-self", msg, defaultsPos));
      }
      defaults.push(new ConfigDefault({ path: "_self_" }, containing.legacy));
    }
  }

  private updateOverrides(
    defaults: InputDefault[],
    parent: InputDefault,
    interpolatedSubtree: boolean,
  ): void {
    let seenOverride = false;
    let lastOverrideSeen: GroupDefault | null = null;
    for (const d of defaults) {
      if (d.isSelf()) continue;
      d.updateParent(parent.getGroupPath(), parent.getFinalPackage());
      // Before version_base 1.2 a plain `hydra/...` entry overrides Hydra's own choice (with a warning).
      const legacyHydraOverride =
        this.repo.legacy && d instanceof GroupDefault && !d.isOverride() && d.group.startsWith("hydra/");
      if (
        seenOverride &&
        !(d.isOverride() || d.isExternalAppend() || legacyHydraOverride) &&
        lastOverrideSeen
      ) {
        const okey = lastOverrideSeen.getOverrideKey();
        const oval = lastOverrideSeen.getName();
        throw compositionError(
          `In ${parent.getConfigPath()}: Override '${okey} : ${oval}' is defined before '${d.getOverrideKey()}: ${d.getName()}'.\n` +
            "Overrides must be at the end of the defaults list",
          d.pos,
        );
      }
      if (!(d instanceof GroupDefault)) continue;
      if (legacyHydraOverride) {
        d.override = true;
        this.warnings.push(
          at(
            "hydra/deprecated",
            `In ${parent.getConfigPath()}: Invalid overriding of ${d.group}:\n` +
              "Default list overrides requires 'override' keyword.\n" +
              "See https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/defaults_list_override for more information.\n",
            d.pos,
          ),
        );
      } else if (!d.isOverride() && HYDRA_GROUPS.has(d.group)) {
        // Hydra's own defaults list (hydra/config) already has this group.
        throw compositionError(`${d.group} appears more than once in the final defaults list`, d.pos);
      }
      if (d.override) {
        if (!legacyHydraOverride) seenOverride = true;
        lastOverrideSeen = d;
        if (interpolatedSubtree) {
          throw compositionError(
            `${parent.getConfigPath()}: Default List Overrides are not allowed in the subtree\n` +
              `of an in interpolated config group (override ${d.getOverrideKey()}=${d.getName()}).\n`,
            d.pos,
          );
        }
        // Hydra's own groups (hydra/launcher, ...) only shape the hydra node, which compose() drops.
        if (!d.getGroupPath().startsWith("hydra/")) this.overrides.addOverride(parent.getConfigPath(), d);
      }
    }
  }

  private interpolationMap(): KnownChoices {
    return new Map([...this.overrides.knownChoices].filter(([k]) => k !== "defaults"));
  }

  private configNotFound(tree: TreeNode): never {
    const element = tree.node;
    let msg: string;
    if (element.primary) {
      msg = `Cannot find primary config '${element.getConfigPath()}'. Check that it's in your config search path.\n`;
    } else {
      if (element instanceof GroupDefault) {
        const group = element.getGroupPath();
        const options = this.repo.groupOptions(group);
        msg = `Could not find '${element.getConfigPath()}'\n`;
        if (options.length > 0)
          msg += `\nAvailable options in '${group}':\n${options.map((x) => `\t${x}`).join("\n")}`;
      } else {
        msg = `Could not load '${element.getConfigPath()}'.\n`;
      }
      const parent = tree.parent?.node;
      if (parent) msg = `In '${parent.getConfigPath()}': ${msg}`;
    }
    msg += `\nConfig search path:\n${this.repo.searchPathText()}`;
    throw new ConfigError("MissingConfigException", msg, element.pos ? { pos: element.pos } : {});
  }
}

/** Children lists mix tree nodes (plain objects) and leaf elements (class instances). */
function isTreeNode(x: TreeNode | InputDefault): x is TreeNode {
  return !(x instanceof InputDefault);
}

function hasConfigContent(cfg: Node): boolean {
  if (cfg.kind !== "dict") return false;
  for (const e of cfg.entries.values()) {
    const missing = e.node.kind === "scalar" && e.node.value === "???";
    if (!missing && e.key !== "defaults") return true;
  }
  return false;
}

function createResultDefault(tree: TreeNode | null, node: InputDefault): ResultDefault | null {
  if (node.isVirtual() || node.getName() === null) return null;
  if (node.isSelf()) {
    if (!tree) return null;
    const pn = tree.parent?.node;
    return {
      configPath: tree.node.getConfigPath(),
      parent: pn ? pn.getConfigPath() : null,
      package: tree.node.getFinalPackage(),
      isSelf: true,
      primary: tree.node.primary,
      overrideKey: null,
      pos: tree.node.pos,
    };
  }
  return {
    configPath: node.getConfigPath(),
    parent: tree ? tree.node.getConfigPath() : null,
    package: node.getFinalPackage(),
    isSelf: false,
    primary: node.primary,
    overrideKey: node instanceof GroupDefault ? node.getOverrideKey() : null,
    pos: node.pos,
  };
}

/** DFS: a node with children emits them in order (its `_self_` child emits its own content). */
function treeToList(tree: TreeNode): ResultDefault[] {
  const out: ResultDefault[] = [];
  const visit = (parent: TreeNode | null, node: InputDefault): void => {
    if (node.deleted || node.isMissing()) return;
    const rd = createResultDefault(parent, node);
    if (rd) out.push(rd);
  };
  const walk = (t: TreeNode): void => {
    if (t.children === null || t.children.length === 0) {
      visit(t.parent, t.node);
      return;
    }
    for (const child of t.children) {
      if (isTreeNode(child)) walk(child);
      else visit(t, child);
    }
  };
  walk(tree);
  return out;
}

function ensureNoDuplicates(result: ResultDefault[]): void {
  const keys = new Set<string>();
  for (const item of result) {
    if (item.isSelf || item.overrideKey === null) continue;
    if (keys.has(item.overrideKey)) {
      throw compositionError(
        `${item.overrideKey} appears more than once in the final defaults list`,
        item.pos,
      );
    }
    keys.add(item.overrideKey);
  }
}

export interface DefaultsList {
  defaults: ResultDefault[];
  configOverrides: Override[];
  knownChoices: KnownChoices;
}

/** create_defaults_list(): the final merge order for `configName`, plus the overrides that target values. */
export function createDefaultsList(
  repo: ConfigRepository,
  configName: string,
  overrides: Override[],
): DefaultsList {
  const state = new Overrides(repo, overrides, repo.legacy);
  const primary = new ConfigDefault({ path: configName, primary: true }, repo.legacy);
  const root: TreeNode = { node: new VirtualRoot(), children: [primary], parent: null };
  const tree = new DefaultsTreeBuilder(repo, state).build(root, true, false);
  const defaults = treeToList(tree);
  ensureNoDuplicates(defaults);
  state.ensureOverridesUsed();
  state.ensureDeletionsUsed();
  return { defaults, configOverrides: state.configOverrides, knownChoices: state.knownChoices };
}
