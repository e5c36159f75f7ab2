import { describe, expect, it } from "vitest";
import { hashBody, readStamp, stampFile } from "../src/stamp.js";

const id = { packageName: "@roll/ds-presets", version: "1.2.3", preset: "deepspeed_zero3" };
const body = "deepspeed_zero3:\n  zero_optimization:\n    stage: 3\n";

describe("preset stamps", () => {
  it("round-trips: the body comes back byte for byte with the stamp's fields", () => {
    const stamped = stampFile(body, id);
    expect(stamped.startsWith("# roll-config: @roll/ds-presets 1.2.3 deepspeed_zero3 sha256:")).toBe(true);
    const { stamp, body: back } = readStamp(stamped);
    expect(back).toBe(body);
    expect(stamp).toEqual({ ...id, hash: hashBody(body) });
  });

  it("keeps a body without final newline exact (three of ROLL's presets have none)", () => {
    const noNewline = "deepspeed_zero2:\n  bf16:\n    enabled: true";
    expect(readStamp(stampFile(noNewline, id)).body).toBe(noNewline);
  });

  it("goes below Hydra '# @package' header lines, which stop at the first other comment", () => {
    const withHeader = "# @package _global_\nx: 1\n";
    const stamped = stampFile(withHeader, id);
    expect(stamped.split("\n")[0]).toBe("# @package _global_");
    expect(stamped.split("\n")[1]).toMatch(/^# roll-config: /);
    expect(readStamp(stamped).body).toBe(withHeader);
  });

  it("never starts a line with '# @' (Hydra would parse it as a header and reject 3+ tokens)", () => {
    for (const line of stampFile(body, id).split("\n")) expect(line).not.toMatch(/^\s*#\s*@/);
  });

  it("treats a file without stamp as all body", () => {
    expect(readStamp(body)).toEqual({ stamp: null, body });
  });

  it("detects an edit: the body hash no longer matches the stamp", () => {
    const edited = stampFile(body, id).replace("stage: 3", "stage: 2");
    const { stamp, body: b } = readStamp(edited);
    expect(hashBody(b)).not.toBe(stamp?.hash);
  });
});
