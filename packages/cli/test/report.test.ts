import { describe, expect, it } from "vitest";
import type { Io } from "../src/command.js";
import { UsageError } from "../src/command.js";
import { InputError, reportFailure } from "../src/report.js";

function capture(env: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "" };
  const io: Io = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    cwd: "/",
    env,
    isTTY: false,
  };
  return { io, out };
}

class FakeConfigError extends Error {
  format() {
    return "conf/a.yaml:3:5: bad value";
  }
}

describe("reportFailure", () => {
  it("an unexpected error is one line, exit 1, no stack", () => {
    const { io, out } = capture();
    expect(reportFailure(new TypeError("x is undefined"), io, "USAGE")).toBe(1);
    expect(out.stderr).toBe("roll-config: internal error: x is undefined\n");
  });

  it("an unexpected multi-line message is cut to its first line", () => {
    const { io, out } = capture();
    expect(reportFailure(new Error("first\nsecond"), io, "USAGE")).toBe(1);
    expect(out.stderr).toBe("roll-config: internal error: first\n");
  });

  it("ROLL_CONFIG_DEBUG=1 adds the stack", () => {
    const { io, out } = capture({ ROLL_CONFIG_DEBUG: "1" });
    expect(reportFailure(new TypeError("boom"), io, "USAGE")).toBe(1);
    expect(out.stderr).toMatch(/^roll-config: internal error: boom\nTypeError: boom\n\s+at /);
  });

  it("a thrown non-Error value is reported too", () => {
    const { io, out } = capture();
    expect(reportFailure("weird", io, "USAGE")).toBe(1);
    expect(out.stderr).toBe("roll-config: internal error: weird\n");
  });

  it("an error with format() is a config error: its FILE:LINE:COL text, exit 1", () => {
    const { io, out } = capture();
    expect(reportFailure(new FakeConfigError("bad value"), io, "USAGE")).toBe(1);
    expect(out.stderr).toBe("conf/a.yaml:3:5: bad value\n");
  });

  it("an input error is its message, exit 1", () => {
    const { io, out } = capture();
    expect(reportFailure(new InputError("x.yaml: no such file"), io, "USAGE")).toBe(1);
    expect(out.stderr).toBe("x.yaml: no such file\n");
  });

  it("a usage error prints the command's usage, or the global one, exit 2", () => {
    const a = capture();
    expect(reportFailure(new UsageError("bad flag", "Usage: sub"), a.io, "USAGE")).toBe(2);
    expect(a.out.stderr).toBe("roll-config: bad flag\n\nUsage: sub\n");
    const b = capture();
    expect(reportFailure(new UsageError("bad"), b.io, "USAGE")).toBe(2);
    expect(b.out.stderr).toBe("roll-config: bad\n\nUSAGE\n");
  });
});
