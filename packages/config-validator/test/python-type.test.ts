// dacite's default type checks as dataclasses.md §1 states them, on annotations taken from fields-0.X.json.
import { describe, expect, it } from "vitest";
import { accepts, describeType, parsePyType } from "../src/python-type.js";

describe("parsePyType", () => {
  it("reads the multi-line Literal of StrategyArguments.strategy_name (trailing comma)", () => {
    const type = parsePyType('Literal[\n "hf_infer",\n "vllm",\n ]');
    expect(type).toEqual({ kind: "literal", values: ["hf_infer", "vllm"] });
  });
  it("reads nested generics and dataclass names", () => {
    expect(describeType(parsePyType("Optional[Dict[str, RewardConfig]]"))).toBe(
      "Optional[Dict[str, RewardConfig]]",
    );
    expect(describeType(parsePyType("Union[Dict[str, WorkerConfig], WorkerConfig]"))).toBe(
      "Union[Dict[str, WorkerConfig], WorkerConfig]",
    );
    expect(parsePyType('Literal["batch", "group", "running", None]')).toEqual({
      kind: "literal",
      values: ["batch", "group", "running", null],
    });
  });
  it("fails loudly on text it cannot read", () => {
    expect(() => parsePyType("Dict[str")).toThrow(/cannot parse annotation/);
  });
});

describe("accepts (dacite check_types=True)", () => {
  const float = parsePyType("float");
  it("int and bool values pass for float; a string like '1e-5' does not", () => {
    expect(accepts(float, 1)).toBe(true);
    expect(accepts(float, true)).toBe(true);
    expect(accepts(float, 1e-5)).toBe(true);
    expect(accepts(float, "1e-5")).toBe(false);
  });
  it("None only for Optional", () => {
    expect(accepts(parsePyType("str"), null)).toBe(false);
    expect(accepts(parsePyType("Optional[str]"), null)).toBe(true);
  });
  it("Literal values are enforced", () => {
    const t = parsePyType('Literal["kl", "abs", "mse", "full"]');
    expect(accepts(t, "kl")).toBe(true);
    expect(accepts(t, "KL")).toBe(false);
  });
  it("Dict accepts any mapping; List[int] is checked element-wise", () => {
    expect(accepts(parsePyType("Dict"), { a: [1, "x"] })).toBe(true);
    expect(accepts(parsePyType("List[int]"), [0, 1])).toBe(true);
    expect(accepts(parsePyType("List[int]"), [0, "1"])).toBe(false);
    expect(accepts(parsePyType("Union[List[int], str]"), "list(range(0,8))")).toBe(true);
  });
  it("ints from the resolver arrive as bigint", () => {
    expect(accepts(parsePyType("int"), 8n)).toBe(true);
    expect(accepts(float, 8n)).toBe(true);
  });
});
