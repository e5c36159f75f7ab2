// Group choices, deletions and appends from the command line and `override` entries: Hydra's Overrides
// class (hydra/_internal/defaults_list.py v1.3.2). Registration is first-come, so the command line wins.
import { aboutOverride, ConfigError } from "../errors.js";
import type { Node, SourcePos } from "../model.js";
import type { ConfigRepository } from "./config-repository.js";
import { GroupDefault, type InputDefault, type KnownChoices } from "./default-element.js";
import { compositionError } from "./errors.js";
import { keyElement, type Override, overrideRepr } from "./override-parser.js";

/** Python's str() of a group choice (a name or a list of names). */
function choiceStr(value: string | string[] | null): string {
  if (value === null) return "None";
  return Array.isArray(value) ? `[${value.map((v) => `'${v}'`).join(", ")}]` : value;
}

interface OverrideMetadata {
  externalOverride: boolean;
  containingConfigPath: string | null;
  used: boolean;
  pos: SourcePos | undefined;
}

/** Group choices, deletions and appends from the command line and `override` entries (Hydra's Overrides). */
export class Overrides {
  readonly overrideChoices = new Map<string, string | string[] | null>();
  readonly overrideMetadata = new Map<string, OverrideMetadata>();
  readonly appendGroupDefaults: GroupDefault[] = [];
  readonly configOverrides: Override[] = [];
  readonly knownChoices: KnownChoices = new Map();
  readonly knownChoicesPerGroup = new Map<string, Set<string>>();
  readonly deletions = new Map<string, { name: string | null; used: boolean }>();

  constructor(repo: ConfigRepository, overrides: Override[], legacy: boolean) {
    for (const o of overrides) {
      aboutOverride(o.inputLine, () => {
        if (o.isSweep) return;
        const isGroup = repo.groupExists(o.keyOrGroup);
        const value = o.value;
        if (value?.kind === "dict" || !isGroup) {
          this.configOverrides.push(o);
        } else if (o.type === "force_add") {
          throw compositionError(`force-add of config groups is not supported: '${o.inputLine}'`);
        } else if (o.type === "del") {
          const name =
            value === null || (value.kind === "scalar" && value.value === null) ? null : scalarString(value);
          if (name === undefined) {
            throw new ConfigError(
              "ValueError",
              `Config group override deletion value must be a string : ${overrideRepr(o)}`,
            );
          }
          this.deletions.set(keyElement(o).slice(1), { name, used: false });
        } else {
          const choice = groupChoice(value);
          if (choice === undefined) {
            throw new ConfigError(
              "ValueError",
              `Config group override must be a string or a list. Got ${value === null ? "NoneType" : pyTypeOf(value)}`,
            );
          }
          if (o.type === "add") {
            this.appendGroupDefaults.push(
              new GroupDefault(
                { group: o.keyOrGroup, package: o.package, value: choice, externalAppend: true },
                legacy,
              ),
            );
          } else {
            const key = keyElement(o);
            this.overrideChoices.set(key, choice);
            this.overrideMetadata.set(key, {
              externalOverride: true,
              containingConfigPath: null,
              used: false,
              pos: undefined,
            });
          }
        }
      });
    }
  }

  addOverride(parentConfigPath: string, d: GroupDefault): void {
    const key = d.getOverrideKey();
    if (this.overrideChoices.has(key)) return;
    this.overrideChoices.set(key, d.value);
    this.overrideMetadata.set(key, {
      externalOverride: false,
      containingConfigPath: parentConfigPath,
      used: false,
      pos: d.pos,
    });
  }

  isOverridden(d: InputDefault): boolean {
    return d instanceof GroupDefault && this.overrideChoices.has(d.getOverrideKey());
  }

  overrideDefaultOption(d: GroupDefault): void {
    const key = d.getOverrideKey();
    if (!this.overrideChoices.has(key)) return;
    const choice = this.overrideChoices.get(key) ?? null;
    d.value = Array.isArray(choice) ? [...choice] : choice;
    d.configNameOverridden = true;
    const meta = this.overrideMetadata.get(key);
    if (meta) meta.used = true;
  }

  ensureOverridesUsed(): void {
    for (const [key, meta] of this.overrideMetadata) {
      if (meta.used) continue;
      const group = key.split("@")[0] ?? key;
      const choices = [...(this.knownChoicesPerGroup.get(group) ?? [])].sort();
      let msg: string;
      if (choices.length > 1)
        msg = `Could not override '${key}'.\nDid you mean to override one of ${choices.join(", ")}?`;
      else if (choices.length === 1)
        msg = `Could not override '${key}'.\nDid you mean to override ${choices[0]}?`;
      else msg = `Could not override '${key}'. No match in the defaults list.`;
      if (meta.containingConfigPath !== null) msg = `In '${meta.containingConfigPath}': ${msg}`;
      if (meta.externalOverride) {
        msg += `\nTo append to your default list use +${key}=${choiceStr(this.overrideChoices.get(key) ?? null)}`;
      }
      throw compositionError(msg, meta.pos);
    }
  }

  ensureDeletionsUsed(): void {
    for (const [key, deletion] of this.deletions) {
      if (deletion.used) continue;
      const desc = deletion.name !== null ? `${key}=${deletion.name}` : key;
      throw compositionError(`Could not delete '${desc}'. No match in the defaults list`);
    }
  }

  setKnownChoice(d: InputDefault): void {
    if (!(d instanceof GroupDefault)) return;
    const key = d.getOverrideKey();
    const name = d.getName();
    if (!this.knownChoices.has(key)) {
      this.knownChoices.set(key, name);
    } else {
      const prev = this.knownChoices.get(key) ?? null;
      if (name !== prev) {
        throw compositionError(
          `Multiple values for ${key}. To override a value use 'override ${key}: ${choiceStr(prev)}'`,
          d.pos,
        );
      }
    }
    const group = d.getGroupPath();
    const set = this.knownChoicesPerGroup.get(group) ?? new Set<string>();
    set.add(key);
    this.knownChoicesPerGroup.set(group, set);
  }

  isDeleted(d: InputDefault): boolean {
    if (!(d instanceof GroupDefault)) return false;
    const deletion = this.deletions.get(d.getOverrideKey());
    if (!deletion) return false;
    return deletion.name === null || deletion.name === d.getName();
  }

  delete(d: InputDefault): void {
    d.deleted = true;
    const deletion = this.deletions.get(d.getOverrideKey());
    if (deletion) deletion.used = true;
  }
}

function scalarString(node: Node): string | undefined {
  return node.kind === "scalar" && typeof node.value === "string" ? node.value : undefined;
}

function groupChoice(node: Node | null): string | string[] | undefined {
  if (node === null) return undefined;
  if (node.kind === "scalar") return typeof node.value === "string" ? node.value : undefined;
  if (node.kind === "list") {
    return node.items.map((item) => {
      const name = scalarString(item);
      // Hydra tests each option with `"${" in option`, which a number, bool or None cannot answer.
      if (name === undefined && item.kind === "scalar") {
        throw new ConfigError("TypeError", `argument of type '${pyTypeOf(item)}' is not iterable`);
      }
      return name as string;
    });
  }
  return undefined;
}

function pyTypeOf(node: Node): string {
  if (node.kind === "list") return "list";
  if (node.kind === "dict") return "dict";
  const v = node.value;
  if (v === null) return "NoneType";
  return typeof v === "bigint"
    ? "int"
    : typeof v === "number"
      ? "float"
      : typeof v === "boolean"
        ? "bool"
        : "str";
}
