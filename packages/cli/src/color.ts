// Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org).
import type { Io } from "./command.js";

export function useColor(io: Io): boolean {
  const noColor = io.env.NO_COLOR;
  return io.isTTY && (noColor === undefined || noColor === "");
}

export type Paint = (style: "red" | "yellow" | "cyan" | "dim" | "bold", text: string) => string;

const CODES = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

export function painter(enabled: boolean): Paint {
  return enabled ? (style, text) => `\u001b[${CODES[style]}m${text}\u001b[0m` : (_style, text) => text;
}
