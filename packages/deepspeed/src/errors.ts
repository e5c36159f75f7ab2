/** Bad arguments to this package's functions (not findings about a config: those are Diagnostics). */
export class DeepSpeedInputError extends Error {
  override name = "DeepSpeedInputError";
}
