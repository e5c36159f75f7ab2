// The release path as users see it, on a scratch clone of this repository: the first release is in the
// repository (versions, changelogs, preset history), and a simulated second release that changes a preset
// value goes through the whole user path: the semver check demands a major bump, `changeset version` writes
// the changelog entry and the new version, the preset history records it, and with the new package
// installed `presets check` reports the vendored copy as stale, `presets diff --from` shows the change and
// its DeepSpeed effect, and `presets sync` upgrades it.
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "release-"));
const clone = join(scratch, "repo");
const checkout = join(scratch, "roll", "examples", "config");
// A checkout that copied the first release's preset file by hand: unstamped, but a release's content.
const unstamped = join(scratch, "roll-unstamped", "examples", "config");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const env: NodeJS.ProcessEnv = { ...process.env, CI: "true", NO_COLOR: "1" };
delete env.CHANGESET_BASE;
const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { cwd: clone, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env });
/** Runs a command that may fail: status and both outputs. */
const attempt = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { cwd: clone, encoding: "utf8", env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const node = (...args: string[]) => attempt(process.execPath, args);
/** The clone's own `roll-config`, resolving the clone's packages (as an installed release would). */
const cli = (...args: string[]) => node(join(clone, "packages/cli/bin/roll-config.js"), ...args);
const json = (file: string) => JSON.parse(readFileSync(join(clone, file), "utf8"));
const version = () => json("packages/ds-presets/package.json").version as string;
// A roll-config preset (ROLL's own five are pinned to ROLL's bytes and never change).
const NAME = "deepspeed_zero3_offload_all";
const PRESET = `presets/${NAME}.yaml`;

/**
 * node_modules for the clone: third-party packages linked from this checkout, @roll/* linked to the clone's
 * own packages, each with this checkout's build output (dist/ is not in git).
 */
function installInto(dir: string): void {
  const modules = join(dir, "node_modules");
  mkdirSync(join(modules, "@roll"), { recursive: true });
  const workspaces = new Map<string, string>();
  for (const pkg of readdirSync(join(dir, "packages"))) {
    workspaces.set(JSON.parse(readFileSync(join(dir, "packages", pkg, "package.json"), "utf8")).name, pkg);
  }
  // Workspace packages outside @roll (the VS Code extension) are linked to the clone's copy below, not ours.
  for (const entry of readdirSync(join(root, "node_modules"))) {
    if (entry !== "@roll" && !workspaces.has(entry))
      symlinkSync(join(root, "node_modules", entry), join(modules, entry));
  }
  for (const [name, pkg] of workspaces) {
    symlinkSync(join(dir, "packages", pkg), join(modules, name));
    const dist = join(root, "packages", pkg, "dist");
    if (existsSync(dist)) cpSync(dist, join(dir, "packages", pkg, "dist"), { recursive: true });
  }
}

let first = "";

/** The front matter of every pending changeset in the clone (what the next `changeset version` releases). */
function pendingChangesets(): string {
  const folder = join(clone, ".changeset");
  return readdirSync(folder)
    .filter((f) => f.endsWith(".md") && f !== "README.md")
    .map((f) => readFileSync(join(folder, f), "utf8").split("---")[1] ?? "")
    .join("\n");
}

describe("the release path, on a scratch clone", () => {
  beforeAll(() => {
    execFileSync("git", ["clone", "--quiet", "--no-hardlinks", root, clone]);
    installInto(clone);
    first = version();
    mkdirSync(checkout, { recursive: true });
  }, 120_000);

  it("has the first release: a version above 0.0.0, changelogs, and the released presets in history.json", () => {
    expect(first).toMatch(/^\d+\.\d+\.\d+$/);
    expect(first).not.toBe("0.0.0");
    for (const dir of readdirSync(join(clone, "packages"))) {
      const pkg = json(`packages/${dir}/package.json`);
      if (pkg.private) continue;
      if (pkg.version === "0.0.0") {
        // Added after the first release: unreleased, and queued for the next one by a pending changeset.
        expect(pendingChangesets(), `${pkg.name} is 0.0.0 and no pending changeset releases it`).toContain(
          `"${pkg.name}":`,
        );
        expect(existsSync(join(clone, "packages", dir, "CHANGELOG.md")), pkg.name).toBe(false);
        continue;
      }
      expect(readFileSync(join(clone, "packages", dir, "CHANGELOG.md"), "utf8"), pkg.name).toContain(
        `## ${pkg.version}`,
      );
    }
    const history = json("presets/history.json");
    const entry = history.versions[first];
    for (const file of readdirSync(join(clone, "presets")).filter(
      (f) => f.endsWith(".yaml") && !f.endsWith(".meta.yaml"),
    ))
      expect(history.contents[entry[file.slice(0, -5)]], file).toBe(
        readFileSync(join(clone, "presets", file), "utf8"),
      );
    // The package ships that history.
    expect(json("packages/ds-presets/generated/history.json")).toEqual(history);
  });

  it("vendors a preset into a user's checkout with the first release's stamp", () => {
    const sync = cli("presets", "sync", checkout, "--only", NAME);
    expect(sync.status, sync.stderr).toBe(0);
    expect(readFileSync(join(checkout, `${NAME}.yaml`), "utf8")).toMatch(
      new RegExp(`^# roll-config: @roll/ds-presets ${first.replaceAll(".", "\\.")} ${NAME} sha256:`),
    );
    expect(cli("presets", "check", checkout).status).toBe(0);
    mkdirSync(unstamped, { recursive: true });
    writeFileSync(join(unstamped, `${NAME}.yaml`), readFileSync(join(clone, PRESET), "utf8"));
    const adopt = cli("presets", "check", unstamped);
    expect(adopt.status, adopt.stderr).toBe(0);
    expect(adopt.stdout).toContain(`adopt (unstamped, matches @roll/ds-presets ${first})`);
  });

  it("second release: a changed preset value needs a major bump and gets a changelog entry", () => {
    const text = readFileSync(join(clone, PRESET), "utf8");
    expect(text).toContain("    stage3_max_live_parameters: 1000000000\n");
    writeFileSync(
      join(clone, PRESET),
      text.replace("stage3_max_live_parameters: 1000000000", "stage3_max_live_parameters: 500000000"),
    );

    const unannounced = node("scripts/check-changesets.mjs");
    expect(unannounced.status).toBe(1);
    expect(unannounced.stderr).toContain(PRESET);
    const changeset = (level: string) =>
      writeFileSync(
        join(clone, ".changeset/smaller-live-parameters.md"),
        `---\n"@roll/ds-presets": ${level}\n---\n\ndeepspeed_zero3_offload_all: stage3_max_live_parameters 1e9 -> 5e8 (less GPU memory for gathered parameters).\n`,
      );
    changeset("minor");
    const tooSmall = node("scripts/check-changesets.mjs");
    expect(tooSmall.status).toBe(1);
    expect(tooSmall.stderr).toContain(`major: ${PRESET}: DeepSpeed settings changed`);
    changeset("major");
    expect(node("scripts/check-changesets.mjs").status).toBe(0);

    // The release steps of RELEASING.md (npm run version-packages, then the generated files).
    run(process.execPath, ["node_modules/@changesets/cli/bin.js", "version"]);
    run(process.execPath, ["scripts/record-preset-history.mjs"]);
    run("npm", [
      "install",
      "--package-lock-only",
      "--ignore-scripts",
      "--offline",
      "--no-audit",
      "--no-fund",
    ]);
    run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/ds-presets/generate.ts"]);
    run(process.execPath, [
      "node_modules/typescript/bin/tsc",
      "-p",
      "packages/ds-presets/tsconfig.build.json",
    ]);

    const second = version();
    expect(Number(second.split(".")[0])).toBe(Number(first.split(".")[0]) + 1);
    const changelog = readFileSync(join(clone, "packages/ds-presets/CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(new RegExp(`## ${second.replaceAll(".", "\\.")}\\n\\n### Major Changes\\n`));
    expect(changelog).toContain("deepspeed_zero3_offload_all: stage3_max_live_parameters 1e9 -> 5e8");
    const history = json("presets/history.json");
    expect(Object.keys(history.versions)).toEqual(expect.arrayContaining([first, second]));
    expect(history.contents[history.versions[second][NAME]]).toContain(
      "stage3_max_live_parameters: 500000000",
    );
    expect(history.contents[history.versions[first][NAME]]).toContain(
      "stage3_max_live_parameters: 1000000000",
    );
  }, 180_000);

  it("keeps internal dependency ranges and the lockfile in sync with the new versions", () => {
    const lock = json("package-lock.json");
    for (const dir of readdirSync(join(clone, "packages"))) {
      const pkg = json(`packages/${dir}/package.json`);
      expect(lock.packages[`packages/${dir}`].version).toBe(pkg.version);
      for (const [dep, range] of Object.entries<string>(pkg.dependencies ?? {})) {
        if (!dep.startsWith("@roll/")) continue;
        const target = json(`packages/${dep.slice("@roll/".length)}/package.json`).version;
        expect(range.replace(/^[\^~]/, "")).toBe(target);
      }
    }
  });

  it("with the second release installed: check reports the stale copy, diff shows the change, sync upgrades it", () => {
    const second = version();
    const file = join(checkout, `${NAME}.yaml`);

    const check = cli("presets", "check", checkout);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(`${file}: upgrade (stamped ${first}, installed ${second})`);

    const diff = cli("presets", "diff", NAME, "--from", first);
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toContain(`${NAME}: ${first} -> ${second}`);
    expect(diff.stdout).toMatch(
      /~ zero_optimization\.stage3_max_live_parameters: 1000000000(\.0)? -> 500000000(\.0)?\n\s+runtime: /,
    );
    expect(diff.stdout).toContain("deepspeed_zero3_offload_all: stage3_max_live_parameters 1e9 -> 5e8");

    const sync = cli("presets", "sync", checkout);
    expect(sync.status, sync.stderr).toBe(0);
    expect(sync.stdout).toContain(`${NAME}: upgrade (was ${first}) -> ${second}: wrote ${file}`);
    expect(readFileSync(file, "utf8")).toContain("stage3_max_live_parameters: 500000000");
    expect(cli("presets", "check", checkout).status).toBe(0);
  });

  it("with the second release installed: an unstamped copy of the first release is stale, and sync upgrades it", () => {
    const second = version();
    const file = join(unstamped, `${NAME}.yaml`);
    const check = cli("presets", "check", unstamped);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(
      `${file}: upgrade (unstamped, matches @roll/ds-presets ${first}, installed ${second})`,
    );
    const dry = cli("presets", "sync", unstamped, "--dry-run");
    const sync = cli("presets", "sync", unstamped);
    expect(sync.status, sync.stderr).toBe(0);
    expect(dry.status).toBe(sync.status);
    expect(readFileSync(file, "utf8")).toMatch(
      new RegExp(`^# roll-config: @roll/ds-presets ${second.replaceAll(".", "\\.")} ${NAME} sha256:`),
    );
    expect(readFileSync(file, "utf8")).toContain("stage3_max_live_parameters: 500000000");
  });

  it("passes the changeset check once the release is committed", () => {
    run("git", ["add", "-A"]);
    run("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "release"]);
    expect(run(process.execPath, ["scripts/check-changesets.mjs"])).toContain("changesets: ok");
  });
});
