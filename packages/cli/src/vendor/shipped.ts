// The presets the installed @roll/ds-presets ships, read from its files (the same bytes a user's
// `require.resolve("@roll/ds-presets/<name>.yaml")` finds).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { PackageInfo, ShippedPreset } from "./sync.js";

const require = createRequire(import.meta.url);

export function shippedPackage(): PackageInfo {
  const pkg = JSON.parse(readFileSync(require.resolve("@roll/ds-presets/package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  return { packageName: pkg.name, version: pkg.version };
}

export async function shippedPresets(): Promise<ShippedPreset[]> {
  const { presets } = (await import("@roll/ds-presets")) as unknown as {
    presets: Record<string, { name: string }>;
  };
  return Object.values(presets).map(({ name }) => ({
    name,
    yaml: readFileSync(require.resolve(`@roll/ds-presets/${name}.yaml`), "utf8"),
  }));
}
