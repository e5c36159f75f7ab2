// A command-line override has no file position, so an error about one names the override instead (Hydra's
// OverrideParseException carries it as `override`): `format()` prints `command-line override 'X': message`
// unless Hydra's message already quotes X. The cases and their messages are the failing single-override cases
// Hydra 1.3.2 recorded in fixtures/hydra-parity/overrides/ (the parity suite checks the messages themselves).
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { compose } from "../src/hydra/compose.js";

const DIR = realpathSync(new URL("./fixtures/hydra-parity/overrides/", import.meta.url));
const { cases } = JSON.parse(readFileSync(join(DIR, "cases.json"), "utf8")) as {
  cases: { id: string; name: string; overrides?: unknown[]; version_base?: string; dir?: string }[];
};
const expected = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8")) as Record<
  string,
  { error?: string; message?: string }
>;

function failure(c: (typeof cases)[number], override: string): ConfigError {
  try {
    compose(join(DIR, c.dir ?? "configs"), c.name, {
      overrides: [override],
      versionBase: c.version_base === "none" ? "1.3" : "1.1",
      projectRoot: false,
      cwd: DIR,
      env: {},
    });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`${c.id}: ${override} composed`);
}

const failing = cases.filter(
  (c) =>
    c.overrides?.length === 1 && typeof c.overrides[0] === "string" && expected[c.id]?.error !== undefined,
);

describe("errors about a command-line override name it", () => {
  it("the corpus has failing single-override cases of both kinds", () => {
    expect(failing.length).toBeGreaterThan(100);
  });

  it("every one: its override, and format() quotes it once", () => {
    let prefixed = 0;
    for (const c of failing) {
      const override = (c.overrides![0] as string).replaceAll("$ROOT", DIR);
      const e = failure(c, override);
      expect(e.message, c.id).toBe(expected[c.id]!.message!.replaceAll("$ROOT", DIR));
      if (e.pos) continue; // placed in a file (the composed root, a defaults entry): the file names it
      // Hydra's check of unused group overrides (`Could not delete 'db=pg'`) quotes them itself, and is
      // made for all of them at once.
      if (e.override === undefined) {
        expect(e.message, c.id).toContain(override.replace(/^[~+]+/, ""));
        expect(e.format(), c.id).toBe(e.message);
        continue;
      }
      expect(e.override, c.id).toBe(override);
      if (e.message.includes(override)) expect(e.format(), c.id).toBe(e.message);
      else {
        prefixed++;
        expect(e.format(), c.id).toBe(`command-line override '${override}': ${e.message}`);
      }
    }
    expect(prefixed).toBeGreaterThan(20);
  });

  it("a long override is cut in the prefix, not in the message", () => {
    const key = Array.from({ length: 60 }, (_, i) => `k${i}`).join(".");
    const e = failure({ id: "long", name: "base" }, `~${key}`);
    expect(e.override).toBe(`~${key}`);
    expect(e.format()).toBe(`command-line override '${`~${key}`.slice(0, 77)}...': ${e.message}`);
  });
});
