// OWNER: yaml-loader helper. How Python prints values (needed for string interpolation and JSON output).
import type { Node, Scalar } from "../model.js";

/** Python repr() of a scalar: floats as repr (1e-05, 1000000000.0, inf, nan), 'strings' quoted, True, None. */
export function pyRepr(_value: Scalar): string {
  throw new Error("not implemented");
}

/** Python str() of a value as OmegaConf embeds it in a string: scalars unquoted, containers like str(dict). */
export function pyStr(_node: Node): string {
  throw new Error("not implemented");
}
