import { Ajv } from "ajv";
import { loadSchema } from "/work/main/packages/config-types/src/schemas.ts";
const t0 = performance.now();
const ajv = new Ajv({ allErrors: true, verbose: true, strictTypes: false, allowUnionTypes: true, keywords: ["x-since","x-python","x-python-type","x-auto","x-deepspeed-parsing","tsType"] });
for (const n of ["deepspeed.schema.json","roll-0.2.schema.json","roll-0.3.schema.json","roll-0.2.authoring.schema.json","roll-0.3.authoring.schema.json"] as const) {
  const t = performance.now();
  ajv.addSchema(loadSchema(n));
  const s = loadSchema(n) as any;
  const v = ajv.getSchema(s.$id)!;
  console.log(n, (performance.now()-t).toFixed(0), "ms");
  if (n.startsWith("roll")) { const t2 = performance.now(); const v2 = ajv.getSchema(`${s.$id}#/definitions/RLVRConfig`); console.log(" RLVR", !!v2, (performance.now()-t2).toFixed(0)); console.log(v2!({actor_train: {model_args: {flash_attn: 1}}}), JSON.stringify(v2!.errors?.map(e=>[e.instancePath,e.keyword,e.message, e.params]))); }
}
console.log("total", (performance.now()-t0).toFixed(0));
