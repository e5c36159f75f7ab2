import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/io.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("roll-config dispatcher", () => {
  it("--version prints the package version and exits 0", async () => {
    for (const flag of ["--version", "-v"]) {
      const r = await run([flag]);
      expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
    }
  });

  it("--help lists every command on stdout and exits 0", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    for (const name of [
      "resolve",
      "validate",
      "explain",
      "deepspeed",
      "presets",
      "estimate",
      "migrate",
      "emit",
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    }
    expect(r.stdout).toContain("Exit codes: 0 success, 1 config error, 2 usage error.");
  });

  it("help <command> shows that command's usage", async () => {
    const r = await run(["help", "estimate"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: roll-config estimate");
  });

  it("an unknown command is a usage error: message and usage on stderr, exit 2", async () => {
    const r = await run(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^roll-config: unknown command 'frobnicate'\n\nUsage: roll-config <command>/);
  });

  it("an unknown global option is a usage error", async () => {
    const r = await run(["--frob"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^roll-config: unknown option '--frob'\n\nUsage: roll-config <command>/);
  });

  it("does not treat Object.prototype names as commands", async () => {
    const r = await run(["toString"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'toString'");
  });

  it("no command at all is a usage error", async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^roll-config: missing command\n/);
  });

  it("an unknown option of a command is a usage error with that command's usage", async () => {
    const r = await run(["resolve", "--frob", "x.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^roll-config: unknown option '--frob'\n\nUsage: roll-config resolve /);
  });

  it("every command answers --help on stdout with its own usage", async () => {
    for (const argv of [
      ["resolve"],
      ["validate"],
      ["explain"],
      ["deepspeed", "validate"],
      ["presets"],
      ["presets", "list"],
      ["presets", "show"],
      ["estimate"],
      ["migrate"],
      ["emit"],
    ]) {
      const r = await run([...argv, "--help"]);
      expect(r.stderr, argv.join(" ")).toBe("");
      expect(r.code, argv.join(" ")).toBe(0);
      expect(r.stdout, argv.join(" ")).toContain(`Usage: roll-config ${argv.join(" ")}`);
    }
  });
});
