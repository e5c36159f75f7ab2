/** Reading a ds_config.json exactly as DeepSpeed does, for callers that hold the file's text. */
import { DeepSpeedInputError } from "./errors.js";

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * A JSON config as DeepSpeed reads it (json/hjson with dict_raise_error_on_duplicate_keys): `5e8` is a float,
 * integers beyond 2^53 stay exact (bigint), and a duplicate key is refused. Errors name line and column.
 */
export function parseDeepSpeedJson(text: string, file = "<json>"): unknown {
  let i = 0;
  const fail = (what: string): never => {
    const before = text.slice(0, i);
    const line = before.split("\n").length;
    const column = i - before.lastIndexOf("\n");
    throw new DeepSpeedInputError(`${file}:${line}:${column}: invalid JSON: ${what}`);
  };
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i] as string)) i++;
  };
  // A key inside an object, up to and including its ":" (a duplicate is refused at the key).
  const key = (out: Record<string, unknown>): string => {
    ws();
    if (text[i] !== '"') fail("expected a string key");
    const keyAt = i;
    const name = string();
    if (Object.hasOwn(out, name)) {
      i = keyAt;
      fail(`duplicate key "${name}" (DeepSpeed refuses duplicate keys in a config file)`);
    }
    ws();
    if (text[i] !== ":") fail('expected ":"');
    i++;
    return name;
  };
  const scalar = (): unknown => {
    if (text[i] === '"') return string();
    for (const [word, result] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return result;
      }
    }
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match) return fail("expected a value");
    i += match[0].length;
    if (match[1] === undefined && match[2] === undefined) {
      const asNumber = Number(match[0]);
      return Number.isSafeInteger(asNumber) ? asNumber : BigInt(match[0]);
    }
    return Number(match[0]);
  };
  // Iterative, with an explicit stack of open containers: nesting depth is the input's to choose, so it
  // must never become call-stack depth (a 20,000-deep file is read, not a stack overflow).
  type Open =
    | { kind: "object"; out: Record<string, unknown>; key: string }
    | { kind: "array"; out: unknown[] };
  const value = (): unknown => {
    const open: Open[] = [];
    for (;;) {
      ws();
      let done: unknown;
      if (text[i] === "{") {
        i++;
        ws();
        if (text[i] !== "}") {
          const out: Record<string, unknown> = {};
          open.push({ kind: "object", out, key: key(out) });
          continue;
        }
        i++;
        done = {};
      } else if (text[i] === "[") {
        i++;
        ws();
        if (text[i] !== "]") {
          open.push({ kind: "array", out: [] });
          continue;
        }
        i++;
        done = [];
      } else {
        done = scalar();
      }
      // Hand the finished value to its container; close every container that ends here.
      for (;;) {
        const top = open[open.length - 1];
        if (top === undefined) return done;
        if (top.kind === "object") {
          Object.defineProperty(top.out, top.key, {
            value: done,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else {
          top.out.push(done);
        }
        ws();
        if (text[i] === ",") {
          i++;
          if (top.kind === "object") top.key = key(top.out);
          break;
        }
        if (text[i] === (top.kind === "object" ? "}" : "]")) {
          i++;
          open.pop();
          done = top.out;
          continue;
        }
        fail(top.kind === "object" ? 'expected "," or "}"' : 'expected "," or "]"');
      }
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    if (i >= text.length) fail("unterminated string");
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const result = value();
  ws();
  if (i < text.length) fail("unexpected text after the value");
  return result;
}
