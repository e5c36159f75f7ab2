// DataclassCatalogue: a class's fields are its bases' (in order) then its own; fieldNames gives the same names
// as building the class, without building it (pipeline detection reads every pipeline's names).
import { describe, expect, it } from "vitest";
import { DataclassCatalogue } from "../src/dataclass-catalogue.js";
import { ROLL_FIELDS } from "../src/generated/roll-fields.js";

describe("DataclassCatalogue.fieldNames", () => {
  it.each(["0.2", "0.3"] as const)(
    "ROLL %s: every class's names are those of get(id).fields, in order",
    (release) => {
      const ids = Object.keys(ROLL_FIELDS[release]);
      expect(ids.length).toBeGreaterThan(20);
      // Names first, on a fresh catalogue, so that no class is built before its names are read.
      const names = new DataclassCatalogue(release);
      const built = new DataclassCatalogue(release);
      for (const id of ids) expect(names.fieldNames(id), id).toEqual([...built.get(id).fields.keys()]);
    },
  );

  it("a base class's fields come first, and a re-declared field keeps the base position", () => {
    const catalogue = new DataclassCatalogue("0.2", {
      "Base@m": { name: "Base", module: "m", bases: [], fields: [f("a"), f("b")] },
      "Child@m": { name: "Child", module: "m", bases: ["Base"], fields: [f("c"), f("a")] },
    });
    expect(catalogue.fieldNames("Child@m")).toEqual(["a", "b", "c"]);
    expect(() => catalogue.fieldNames("Missing@m")).toThrow("unknown ROLL dataclass Missing@m");
  });
});

function f(name: string) {
  return { name, type: "int", default: "0" };
}
