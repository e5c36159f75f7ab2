// Writes COMPATIBILITY.md from the compatibility matrix: `npx tsx scripts/compatibility/generate.ts`.
// The workspace packages are loaded from their sources (tsconfig.json next to this file maps @roll/* to
// packages/*/src), as the tests do, so the file never depends on a stale dist/.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { register } from "tsx/esm/api";

register({ tsconfig: join(import.meta.dirname, "tsconfig.json") });
const { ROOT, runMatrix } = await import("./matrix.js");
const { renderCompatibility } = await import("./render.js");

const result = runMatrix();
const file = join(ROOT, "COMPATIBILITY.md");
writeFileSync(file, renderCompatibility(result));
console.log(
  `COMPATIBILITY.md: ${result.combinations.length} combinations (${result.compositions} compositions, ${result.validations} validations) in ${(result.ms / 1000).toFixed(1)} s`,
);
