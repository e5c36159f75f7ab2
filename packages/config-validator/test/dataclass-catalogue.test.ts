// DataclassCatalogue: a class's fields are its bases' (in order) then its own; distinctiveKeys, which the
// field-catalogue generator records as PIPELINE_KEYS for pipeline detection, are a pipeline root's fields that
// no other pipeline's root has.
import { describe, expect, it } from "vitest";
import { DataclassCatalogue, distinctiveKeys } from "../src/dataclass-catalogue.js";

function f(name: string) {
  return { name, type: "int", default: "0" };
}

describe("DataclassCatalogue", () => {
  it("a base class's fields come first, and a re-declared field keeps the base position", () => {
    const catalogue = new DataclassCatalogue("0.2", {
      "Base@m": { name: "Base", module: "m", bases: [], fields: [f("a"), f("b")] },
      "Child@m": { name: "Child", module: "m", bases: ["Base"], fields: [f("c"), f("a")] },
    });
    expect([...catalogue.get("Child@m").fields.keys()]).toEqual(["a", "b", "c"]);
    expect(() => catalogue.get("Missing@m")).toThrow("unknown ROLL dataclass Missing@m");
  });

  it("distinctiveKeys: a pipeline root's fields, inherited ones too, that no other pipeline's root has", () => {
    const catalogue = new DataclassCatalogue("0.2", {
      "BaseConfig@m": { name: "BaseConfig", module: "m", bases: [], fields: [f("seed"), f("max_steps")] },
      "RLVRConfig@m": {
        name: "RLVRConfig",
        module: "m",
        bases: ["BaseConfig"],
        fields: [f("rewards"), f("ppo")],
      },
      "SFTConfig@m": {
        name: "SFTConfig",
        module: "m",
        bases: ["BaseConfig"],
        fields: [f("sft_train"), f("ppo")],
      },
      "DPOConfig@m": { name: "DPOConfig", module: "m", bases: ["RLVRConfig"], fields: [f("beta")] },
    });
    expect(distinctiveKeys(catalogue)).toEqual({ rlvr: [], sft: ["sft_train"], dpo: ["beta"] });
  });
});
