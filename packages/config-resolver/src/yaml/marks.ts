// PyYAML-style positions and error texts. Errors carry PyYAML's exception class name and its exact
// str(), so conformance cases can compare them; the ConfigError position is 1-based.
import { ConfigError } from "../errors.js";
import type { SourcePos } from "../model.js";

/** 0-based position, like PyYAML's Mark (column counts code points, a BOM is not counted). */
export interface Mark {
  index: number;
  line: number;
  column: number;
}

export function toSourcePos(file: string, mark: Mark): SourcePos {
  return { file, line: mark.line + 1, column: mark.column + 1 };
}

function markText(file: string, mark: Mark): string {
  // Hydra hands PyYAML a file object, so marks print without a source snippet.
  return `  in "${file}", line ${mark.line + 1}, column ${mark.column + 1}`;
}

/** MarkedYAMLError.__str__: context, context mark (unless equal to the problem mark), problem, problem mark. */
export function markedError(
  pythonType: string,
  file: string,
  context: string | null,
  contextMark: Mark | null,
  problem: string | null,
  problemMark: Mark | null,
): ConfigError {
  const lines: string[] = [];
  if (context !== null) lines.push(context);
  if (
    contextMark !== null &&
    (problem === null ||
      problemMark === null ||
      contextMark.line !== problemMark.line ||
      contextMark.column !== problemMark.column)
  ) {
    lines.push(markText(file, contextMark));
  }
  if (problem !== null) lines.push(problem);
  if (problemMark !== null) lines.push(markText(file, problemMark));
  const mark = problemMark ?? contextMark;
  return new ConfigError(pythonType, lines.join("\n"), mark ? { pos: toSourcePos(file, mark) } : {});
}
