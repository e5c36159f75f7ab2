// The safe device_mapping reader against Python's eval() of the same strings (config-format.md §e).
import { describe, expect, it } from "vitest";
import { parseDeviceMapping } from "../src/index.js";

const range = (a: number, b: number, step = 1) => {
  const out: number[] = [];
  for (let i = a; i < b; i += step) out.push(i);
  return out;
};

describe("parseDeviceMapping", () => {
  it.each([
    ["list(range(0,8))", range(0, 8)],
    ["list(range(12,16))", range(12, 16)],
    ["list(range(0, 8, 2))", [0, 2, 4, 6]],
    ["list(range(4))", [0, 1, 2, 3]],
    ["list(range(8, 0, -2))", [8, 6, 4, 2]],
    ["list([0,1,2,3,8,9,10,11])", [0, 1, 2, 3, 8, 9, 10, 11]],
    ["[1]", [1]],
    ["[6, 7]", [6, 7]],
    ["[0, 1,]", [0, 1]],
    ["[]", []],
    ["list(range(0,2))+list(range(14,16))", [0, 1, 14, 15]],
    ["list(range(5,5))", []],
  ])("%s", (text, devices) => {
    expect(parseDeviceMapping(text)).toEqual({ ok: true, devices });
  });

  it.each([
    ["list(range(0,8)", 16],
    ["__import__('os').system('rm -rf /')", 1],
    ["list(range(0,8)) * 2", 18],
    ["list(range(0,8,0))", 18],
    ["0,1", 1],
    ["[0.5]", 3],
  ])("rejects %s, pointing at column %i", (text, column) => {
    const result = parseDeviceMapping(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.column).toBe(column);
  });
});
