// Defaults-list entries and Hydra's package arithmetic, ported from hydra/core/default_element.py (v1.3.2).
// Method names mirror Hydra's so the port can be checked line by line against upstream.

import { ConfigError } from "../errors.js";
import type { SourcePos } from "../model.js";

export type VersionBase = "1.1" | "1.3";

/** Choices known while building the tree, for `${group}` options (Hydra's interpolation map). */
export type KnownChoices = Map<string, string | null>;

export abstract class InputDefault {
  package: string | null;
  parentBaseDir: string | null = null;
  parentPackage: string | null = null;
  primary = false;
  deleted = false;
  /** version_base < 1.2: `_group_`/`_name_` keywords in package headers keep their legacy meaning. */
  readonly legacy: boolean;
  /** Where the entry was written (the defaults-list item), for error messages. */
  readonly pos: SourcePos | undefined;
  private packageHeader: string | null = null;

  constructor(pkg: string | null, legacy: boolean, pos: SourcePos | undefined) {
    this.package = pkg === "_here_" ? "" : pkg;
    this.legacy = legacy;
    this.pos = pos;
  }

  abstract isSelf(): boolean;
  abstract isOptional(): boolean;
  abstract isOverride(): boolean;
  abstract isExternalAppend(): boolean;
  abstract isInterpolation(): boolean;
  abstract isMissing(): boolean;
  abstract getGroupPath(): string;
  abstract getConfigPath(): string;
  abstract getName(): string | null;
  abstract getFinalPackage(defaultToPackageHeader?: boolean): string;
  abstract resolveInterpolation(known: KnownChoices): void;
  protected abstract relativeGroupPath(): string;

  isVirtual(): boolean {
    return false;
  }

  updateParent(parentBaseDir: string | null, parentPackage: string | null): void {
    this.parentBaseDir = parentBaseDir;
    this.parentPackage = parentPackage;
    if (this.package?.includes("_group_")) {
      this.package = `_global_.${this.package.replaceAll("_group_", this.getDefaultPackage())}`;
    }
  }

  getDefaultPackage(): string {
    return this.getGroupPath().replaceAll("/", ".");
  }

  /** A `# @package` header is absolute; under version_base 1.1 `_group_` means "the default package". */
  setPackageHeader(header: string | null): void {
    if (header === null) return;
    if (this.legacy && header === "_group_") return;
    let pkg = header;
    if (pkg !== "_global_" && !pkg.startsWith("_global_.")) pkg = pkg === "" ? "_global_" : `_global_.${pkg}`;
    if (this.legacy) pkg = pkg.replaceAll("_group_", this.getDefaultPackage());
    this.packageHeader = pkg;
  }

  getPackage(defaultToPackageHeader = true): string | null {
    return this.package === null && defaultToPackageHeader ? this.packageHeader : this.package;
  }

  protected computeFinalPackage(
    parentPackage: string | null,
    pkg: string | null,
    name: string | null,
  ): string {
    if (parentPackage === null)
      throw new Error(`internal: parent package of ${this.getConfigPath()} not set`);
    let p = pkg ?? this.relativeGroupPath().replaceAll("/", ".");
    if (name !== null && this.legacy) p = p.replaceAll("_name_", name);
    const ret = parentPackage === "" ? p : p === "" ? parentPackage : `${parentPackage}.${p}`;
    const lgi = ret.lastIndexOf("_global_");
    return lgi === -1 ? ret : ret.slice(lgi + "_global_".length + 1);
  }

  getOverrideKey(): string {
    const defaultPkg = this.getDefaultPackage();
    const finalPkg = this.getFinalPackage(false);
    const key = this.getGroupPath();
    if (defaultPkg === finalPkg) return key;
    return `${key}@${finalPkg === "" ? "_global_" : finalPkg}`;
  }
}

export class VirtualRoot extends InputDefault {
  constructor() {
    super(null, false, undefined);
  }
  override isVirtual(): boolean {
    return true;
  }
  isSelf(): boolean {
    return false;
  }
  isOptional(): boolean {
    return false;
  }
  isOverride(): boolean {
    return false;
  }
  isExternalAppend(): boolean {
    return false;
  }
  isInterpolation(): boolean {
    return false;
  }
  isMissing(): boolean {
    return false;
  }
  getGroupPath(): string {
    return "";
  }
  getConfigPath(): string {
    return "<root>";
  }
  getName(): string | null {
    return null;
  }
  getFinalPackage(): string {
    return "";
  }
  resolveInterpolation(): void {}
  protected relativeGroupPath(): string {
    return "";
  }
}

/** A plain config entry: `- path/to/cfg`, `- ../config/x@_here_`, `- /abs`, `- _self_`. */
export class ConfigDefault extends InputDefault {
  path: string;
  readonly optional: boolean;

  constructor(
    opts: { path: string; package?: string | null; optional?: boolean; primary?: boolean },
    legacy: boolean,
    pos?: SourcePos,
  ) {
    super(opts.package ?? null, legacy, pos);
    if (opts.path === "_self_" && opts.package != null) {
      throw new ConfigError("ValueError", "_self_@PACKAGE is not supported", { pos });
    }
    this.path = opts.path;
    this.optional = opts.optional ?? false;
    this.primary = opts.primary ?? false;
  }

  isSelf(): boolean {
    return this.path === "_self_";
  }
  isOptional(): boolean {
    return this.optional;
  }
  isOverride(): boolean {
    return false;
  }
  isExternalAppend(): boolean {
    return false;
  }
  isMissing(): boolean {
    return this.getName() === "???";
  }
  isInterpolation(): boolean {
    return this.getConfigPath().includes("${");
  }

  private splitAbsolute(): { path: string; absolute: boolean } {
    return this.path.startsWith("/")
      ? { path: this.path.slice(1), absolute: true }
      : { path: this.path, absolute: false };
  }

  getGroupPath(): string {
    const { path, absolute } = this.splitAbsolute();
    const idx = path.lastIndexOf("/");
    const group = idx === -1 ? "" : path.slice(0, idx);
    if (absolute || this.parentBaseDir === "") return group;
    return group === "" ? `${this.parentBaseDir}` : `${this.parentBaseDir}/${group}`;
  }

  getName(): string {
    const idx = this.path.lastIndexOf("/");
    return idx === -1 ? this.path : this.path.slice(idx + 1);
  }

  getConfigPath(): string {
    const { path, absolute } = this.splitAbsolute();
    if (absolute || this.parentBaseDir === "") return path;
    return `${this.parentBaseDir}/${path}`;
  }

  getFinalPackage(defaultToPackageHeader = true): string {
    return this.computeFinalPackage(
      this.parentPackage,
      this.getPackage(defaultToPackageHeader),
      this.getName(),
    );
  }

  protected relativeGroupPath(): string {
    const { path } = this.splitAbsolute();
    const idx = path.lastIndexOf("/");
    return idx === -1 ? "" : path.slice(0, idx);
  }

  resolveInterpolation(known: KnownChoices): void {
    const { path, absolute } = this.splitAbsolute();
    const resolved = resolveChoiceInterpolation(known, path, this.pos);
    this.path = absolute ? `/${resolved.replace(/^\/+/, "")}` : resolved;
  }
}

/** A config group entry: `- group: option`, `- group@pkg: [a, b]`, `- optional group: x`, `- override group: y`. */
export class GroupDefault extends InputDefault {
  readonly group: string;
  value: string | string[] | null;
  readonly optional: boolean;
  override: boolean;
  readonly externalAppend: boolean;
  configNameOverridden = false;

  constructor(
    opts: {
      group: string;
      value: string | string[] | null;
      package?: string | null;
      optional?: boolean;
      override?: boolean;
      externalAppend?: boolean;
    },
    legacy: boolean,
    pos?: SourcePos,
  ) {
    super(opts.package ?? null, legacy, pos);
    this.group = opts.group;
    this.value = opts.value;
    this.optional = opts.optional ?? false;
    this.override = opts.override ?? false;
    this.externalAppend = opts.externalAppend ?? false;
  }

  isSelf(): boolean {
    return this.value === "_self_";
  }
  isOptional(): boolean {
    return this.optional;
  }
  isOverride(): boolean {
    return this.override;
  }
  isExternalAppend(): boolean {
    return this.externalAppend;
  }
  isOptions(): boolean {
    return Array.isArray(this.value);
  }
  getOptions(): string[] {
    return Array.isArray(this.value) ? this.value : [];
  }
  isMissing(): boolean {
    return this.getName() === "???";
  }
  isInterpolation(): boolean {
    return this.getName()?.includes("${") ?? false;
  }

  getGroupPath(): string {
    const absolute = this.group.startsWith("/") || this.externalAppend;
    const group = this.group.startsWith("/") ? this.group.slice(1) : this.group;
    if (this.parentBaseDir === "" || absolute) return group;
    return `${this.parentBaseDir}/${group}`;
  }

  getConfigPath(): string {
    // Python formats a missing name as "None".
    return `${this.getGroupPath()}/${this.getName() ?? "None"}`;
  }

  getName(): string | null {
    return Array.isArray(this.value) ? null : this.value;
  }

  getFinalPackage(defaultToPackageHeader = true): string {
    return this.computeFinalPackage(
      this.externalAppend ? "" : this.parentPackage,
      this.getPackage(defaultToPackageHeader),
      this.getName(),
    );
  }

  protected relativeGroupPath(): string {
    return this.group.startsWith("/") ? this.group.slice(1) : this.group;
  }

  resolveInterpolation(known: KnownChoices): void {
    const name = this.getName();
    if (name !== null) this.value = resolveChoiceInterpolation(known, name, this.pos);
  }
}

/**
 * Hydra resolves `${db}_${server}` in a defaults entry against the group choices made so far (an OmegaConf
 * node whose parent is the choices dict), never against config values.
 */
function resolveChoiceInterpolation(known: KnownChoices, val: string, pos: SourcePos | undefined): string {
  let missing: string | undefined;
  const out = val.replace(/\$\{\s*([^{}]*?)\s*\}/g, (match, key: string) => {
    const choice = known.get(key);
    if (typeof choice === "string") return choice;
    missing ??= key;
    return match;
  });
  if (missing === undefined && !out.includes("${")) return out;
  const options = [...known.keys()];
  const message =
    options.length > 0
      ? `Error resolving interpolation '${val}', possible interpolation keys: ${options.join(", ")}`
      : `Error resolving interpolation '${val}'`;
  const key = missing ?? val;
  const inner = `Interpolation key '${key}' not found`;
  throw new ConfigError("ConfigCompositionException", message, {
    pos,
    chain: [
      { error: "ConfigCompositionException", message },
      { error: "InterpolationKeyError", message: `${inner}\n    full_key: _dummy_\n    object_type=dict` },
      { error: "InterpolationKeyError", message: inner },
    ],
  });
}
