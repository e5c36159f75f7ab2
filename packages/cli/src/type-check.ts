// `emit --check`: type-checks a config module with the TypeScript compiler before it is run, using the
// nearest tsconfig.json when there is one. TypeScript is an optional peer dependency, loaded only here.
import { dirname } from "node:path";
import { InputError } from "./report.js";

export async function typeCheck(path: string): Promise<void> {
  let ts: typeof import("typescript");
  try {
    ts = (await import("typescript")).default;
  } catch {
    throw new InputError("--check needs the typescript package: npm install --save-dev typescript");
  }
  let options: import("typescript").CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
  };
  const configFile = ts.findConfigFile(dirname(path), ts.sys.fileExists);
  if (configFile) {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      configFile,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => {},
      },
    );
    if (parsed) options = parsed.options;
  }
  const program = ts.createProgram([path], { ...options, noEmit: true });
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return;
  const lines = errors.map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (!d.file || d.start === undefined) return `error TS${d.code}: ${text}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1}: error TS${d.code}: ${text}`;
  });
  throw new InputError(lines.join("\n"));
}
