import { it } from "vitest";
import { runMatrix } from "../../scripts/compatibility/matrix.js";

it("scratch", () => {
  const r = runMatrix();
  console.log(r.combinations.length, r.compositions, r.validations, Math.round(r.ms));
  const seen = new Map<string, number>();
  for (const c of r.combinations) {
    const k = `${c.preset} ${c.role} ${c.roll} ${c.deepspeed} ${c.dtype} ${c.lora ? "lora" : ""}: ${c.verdict.status} ${c.verdict.findings.map((f) => f.code).join(",")}`;
    console.log(k);
  }
  const e = new Set(
    r.combinations.flatMap((c) => c.elsewhere.map((f) => `${c.roll} ${f.severity} ${f.code} ${f.message}`)),
  );
  console.log([...e].join("\n"));
});
