// A safe reader for ROLL's `device_mapping` strings, which ROLL itself passes to Python's eval().
// Grammar (every form seen in ROLL's examples, config-format.md §e, plus range steps):
//   expr  := term ("+" term)*
//   term  := "list(" (range | list) ")" | range | list
//   range := "range(" int ["," int ["," int]] ")"
//   list  := "[" [int ("," int)* [","]] "]"
// Nothing is evaluated: anything outside this grammar is rejected with the column where reading stopped.

export type DeviceMappingResult =
  | { ok: true; devices: number[] }
  | { ok: false; column: number; message: string };

class Reader {
  pos = 0;
  constructor(readonly text: string) {}
  skipSpace() {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  eat(token: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }
  expect(token: string) {
    if (!this.eat(token)) throw this.fail(`expected "${token}"`);
  }
  int(): number {
    this.skipSpace();
    const m = /^-?\d+/.exec(this.text.slice(this.pos));
    if (!m) throw this.fail("expected an integer");
    this.pos += m[0].length;
    return Number(m[0]);
  }
  fail(message: string) {
    return new DeviceMappingError(this.pos + 1, message);
  }
}

class DeviceMappingError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

function pythonRange(r: Reader): number[] {
  const args = [r.int()];
  while (args.length < 3 && r.eat(",")) args.push(r.int());
  r.expect(")");
  const [start, stop, step] = args.length === 1 ? [0, args[0]!, 1] : [args[0]!, args[1]!, args[2] ?? 1];
  if (step === 0) throw r.fail("range() step must not be zero");
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    out.push(i);
    if (out.length > 1_000_000) throw r.fail("range is too long");
  }
  return out;
}

function listLiteral(r: Reader): number[] {
  const out: number[] = [];
  r.skipSpace();
  if (r.eat("]")) return out;
  for (;;) {
    out.push(r.int());
    if (r.eat("]")) return out;
    r.expect(",");
    if (r.eat("]")) return out;
  }
}

function term(r: Reader): number[] {
  if (r.eat("list(")) {
    const inner = r.eat("range(") ? pythonRange(r) : r.eat("[") ? listLiteral(r) : undefined;
    if (!inner) throw r.fail('expected "range(" or "[" inside list(...)');
    r.expect(")");
    return inner;
  }
  if (r.eat("range(")) return pythonRange(r);
  if (r.eat("[")) return listLiteral(r);
  throw r.fail('expected "list(", "range(" or "["');
}

export function parseDeviceMapping(text: string): DeviceMappingResult {
  const r = new Reader(text);
  try {
    const devices = term(r);
    while (r.eat("+")) devices.push(...term(r));
    r.skipSpace();
    if (r.pos < text.length) throw r.fail("unexpected text");
    return { ok: true, devices };
  } catch (error) {
    if (error instanceof DeviceMappingError)
      return { ok: false, column: error.column, message: error.message };
    throw error;
  }
}
