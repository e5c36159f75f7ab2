// The stamp `presets sync` puts on a vendored preset file: which package, version and preset it came from,
// and a hash of the body, so a later sync or check can tell a stale copy from a locally edited one.
//
// It is a plain comment placed after any Hydra `# @package` header lines: Hydra reads header lines only
// until the first other line, so a stamp above a header would disable it; below, the file composes
// exactly as the unstamped original.
import { createHash } from "node:crypto";

export interface Stamp {
  packageName: string;
  version: string;
  preset: string;
  /** sha256 (hex) of the body: the file without its stamp lines. */
  hash: string;
}

const STAMP_RE = /^# roll-config: (\S+) (\S+) (\S+) sha256:([0-9a-f]{64})$/;
const NOTE_PREFIX = "# Vendored by `roll-config presets sync`";
const HEADER_RE = /^\s*#\s*@/;

export function hashBody(body: string): string {
  return createHash("sha256").update(body, "utf8").digest("hex");
}

function stampLines(stamp: Stamp): string[] {
  return [
    `# roll-config: ${stamp.packageName} ${stamp.version} ${stamp.preset} sha256:${stamp.hash}`,
    `${NOTE_PREFIX}: edits are detected; see \`roll-config presets diff ${stamp.preset}\` before upgrading.`,
  ];
}

/** Inserts the stamp for `body` after its leading `# @` header lines. */
export function stampFile(body: string, id: Omit<Stamp, "hash">): string {
  const lines = body.split("\n");
  let at = 0;
  while (at < lines.length && HEADER_RE.test(lines[at] ?? "")) at++;
  lines.splice(at, 0, ...stampLines({ ...id, hash: hashBody(body) }));
  return lines.join("\n");
}

export interface ParsedVendored {
  stamp: Stamp | null;
  /** The file without stamp lines (the whole file when unstamped). */
  body: string;
}

/** Splits a vendored file into its stamp and body; an unstamped file is all body. */
export function readStamp(text: string): ParsedVendored {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length && i < 64; i++) {
    const m = STAMP_RE.exec(lines[i] ?? "");
    if (!m) continue;
    const end = (lines[i + 1] ?? "").startsWith(NOTE_PREFIX) ? i + 2 : i + 1;
    const body = [...lines.slice(0, i), ...lines.slice(end)].join("\n");
    return { stamp: { packageName: m[1]!, version: m[2]!, preset: m[3]!, hash: m[4]! }, body };
  }
  return { stamp: null, body: text };
}
