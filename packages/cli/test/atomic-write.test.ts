import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../src/atomic-write.js";
import { InputError } from "../src/report.js";
import { scratchDir } from "./helpers/tmp.js";

describe("writeFileAtomic", () => {
  it("creates and replaces a file, leaving no temporary file", () => {
    const dir = scratchDir();
    const file = join(dir, "out.txt");
    writeFileAtomic(file, "one\n");
    writeFileAtomic(file, "two\n");
    expect(readFileSync(file, "utf8")).toBe("two\n");
    expect(readdirSync(dir)).toEqual(["out.txt"]);
  });

  it("overwrite: false refuses an existing file and keeps it", () => {
    const dir = scratchDir();
    const file = join(dir, "out.txt");
    writeFileSync(file, "mine\n");
    expect(() => writeFileAtomic(file, "theirs\n", { overwrite: false })).toThrow(
      new InputError(`${file}: file exists (pass --force to overwrite)`),
    );
    expect(readFileSync(file, "utf8")).toBe("mine\n");
    expect(readdirSync(dir)).toEqual(["out.txt"]);
    writeFileAtomic(join(dir, "new.txt"), "fresh\n", { overwrite: false });
    expect(readFileSync(join(dir, "new.txt"), "utf8")).toBe("fresh\n");
  });

  it("a target that is a directory fails cleanly and leaves nothing behind", () => {
    const dir = scratchDir();
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "keep"), "");
    expect(() => writeFileAtomic(join(dir, "sub"), "x")).toThrow(/sub: cannot write: /);
    expect(readdirSync(dir)).toEqual(["sub"]);
  });

  it("a missing directory is a clear error", () => {
    const dir = scratchDir();
    expect(() => writeFileAtomic(join(dir, "nope", "out.txt"), "x")).toThrow(
      /nope\/out\.txt: cannot write: .*ENOENT/,
    );
  });
});
