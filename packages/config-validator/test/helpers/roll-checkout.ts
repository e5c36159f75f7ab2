// Trees shaped like a ROLL checkout of each release: setup.py and roll/distributed/strategy/ exactly as the
// release tags have them (@roll/test-fixtures reference/roll-releases.json, read from alibaba/ROLL's tags).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROLL_RELEASE_SHAPES } from "@roll/test-fixtures";

interface ReleaseShape {
  tags: string[];
  setupVersion: string;
  strategy: string[];
}
export const RELEASE_SHAPES = JSON.parse(readFileSync(ROLL_RELEASE_SHAPES, "utf8")) as Record<
  "0.2" | "0.3",
  ReleaseShape
>;

export function write(root: string, path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** The source-tree part of a ROLL checkout of `release` (no examples). */
export function rollCheckout(
  root: string,
  release: "0.2" | "0.3",
  options: { setup?: boolean } = {},
): string {
  const shape = RELEASE_SHAPES[release];
  if (options.setup !== false)
    write(
      root,
      "setup.py",
      `from setuptools import setup\n\nsetup(name="roll", version="${shape.setupVersion}")\n`,
    );
  for (const name of shape.strategy) write(root, `roll/distributed/strategy/${name}`, "");
  return root;
}
