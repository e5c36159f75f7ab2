import { renderYaml } from "../src/index.js";
console.log(renderYaml({ a: 1e-6, b: 0.5, c: 1000000000, d: "yes", e: "1", f: "auto", g: null, h: [1, 2e-5], i: "list(range(0,8))", j: true, k: 1.5e21, l: "${x}", m: "True", n: "" }));
