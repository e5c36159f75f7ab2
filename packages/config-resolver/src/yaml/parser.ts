// A port of PyYAML 6.0's Parser (yaml/parser.py): tokens -> events. PyYAML already runs it as a state
// machine with an explicit stack of states, so nesting depth costs heap, not call stack.
import { type Mark, markedError } from "./marks.js";
import { Scanner, type Token, type TokenId } from "./scanner.js";

export type YamlEvent =
  | {
      type: "StreamStart" | "StreamEnd" | "DocumentEnd" | "SequenceEnd" | "MappingEnd";
      start: Mark;
      end: Mark;
    }
  | { type: "DocumentStart"; start: Mark; end: Mark; explicit: boolean }
  | { type: "Alias"; anchor: string; start: Mark; end: Mark }
  | {
      type: "Scalar";
      anchor: string | null;
      tag: string | null;
      /** [plain or '!' tag: resolve implicitly, untagged quoted] as PyYAML's ScalarEvent.implicit. */
      implicit: [boolean, boolean];
      value: string;
      start: Mark;
      end: Mark;
      style: string | null;
    }
  | {
      type: "SequenceStart" | "MappingStart";
      anchor: string | null;
      tag: string | null;
      implicit: boolean;
      start: Mark;
      end: Mark;
    };

type State = () => YamlEvent;

const DEFAULT_TAGS: Record<string, string> = { "!": "!", "!!": "tag:yaml.org,2002:" };

export class Parser {
  private readonly scanner: Scanner;
  private readonly file: string;
  private current: YamlEvent | null = null;
  // Each parser state as one bound function, created once (states change on every event).
  private readonly sStreamStart: State = () => this.parseStreamStart();
  private readonly sImplicitDocumentStart: State = () => this.parseImplicitDocumentStart();
  private readonly sDocumentEnd: State = () => this.parseDocumentEnd();
  private readonly sBlockNode: State = () => this.parseBlockNode();
  private readonly sDocumentStart: State = () => this.parseDocumentStart();
  private readonly sDocumentContent: State = () => this.parseDocumentContent();
  private readonly sIndentlessSequenceEntry: State = () => this.parseIndentlessSequenceEntry();
  private readonly sFlowSequenceFirstEntry: State = () => this.parseFlowSequenceEntry(true, true);
  private readonly sFlowMappingFirstKey: State = () => this.parseFlowMappingKey(true, true);
  private readonly sBlockSequenceFirstEntry: State = () => this.parseBlockSequenceFirstEntry();
  private readonly sBlockMappingFirstKey: State = () => this.parseBlockMappingFirstKey();
  private readonly sBlockSequenceEntry: State = () => this.parseBlockSequenceEntry();
  private readonly sBlockMappingValue: State = () => this.parseBlockMappingValue();
  private readonly sBlockMappingKey: State = () => this.parseBlockMappingKey();
  private readonly sFlowSequenceEntry: State = () => this.parseFlowSequenceEntry(false);
  private readonly sFlowSequenceEntryMappingKey: State = () => this.parseFlowSequenceEntryMappingKey();
  private readonly sFlowSequenceEntryMappingValue: State = () => this.parseFlowSequenceEntryMappingValue();
  private readonly sFlowSequenceEntryMappingEnd: State = () => this.parseFlowSequenceEntryMappingEnd();
  private readonly sFlowMappingValue: State = () => this.parseFlowMappingValue();
  private readonly sFlowMappingKey: State = () => this.parseFlowMappingKey(false);
  private readonly sFlowMappingEmptyValue: State = () => this.parseFlowMappingEmptyValue();
  private state: State | null = this.sStreamStart;
  private states: State[] = [];
  private marks: Mark[] = [];
  private tagHandles: Record<string, string> = {};

  constructor(text: string, file: string) {
    this.scanner = new Scanner(text, file);
    this.file = file;
  }

  peekEvent(): YamlEvent | null {
    if (this.current === null && this.state) this.current = this.state();
    return this.current;
  }

  getEvent(): YamlEvent | null {
    const event = this.peekEvent();
    this.current = null;
    return event;
  }

  private error(context: string | null, contextMark: Mark | null, problem: string, problemMark: Mark): Error {
    return markedError("ParserError", this.file, context, contextMark, problem, problemMark);
  }

  /** Whether the next token is one of these (fixed arguments: this runs several times per token). */
  private check(a: TokenId, b?: TokenId, c?: TokenId, d?: TokenId): boolean {
    const id = this.scanner.peekId();
    return id !== undefined && (id === a || id === b || id === c || id === d);
  }

  private parseStreamStart(): YamlEvent {
    const token = this.scanner.get();
    this.state = this.sImplicitDocumentStart;
    return { type: "StreamStart", start: token.start, end: token.end };
  }

  private parseImplicitDocumentStart(): YamlEvent {
    if (this.check("<directive>", "<document start>", "<stream end>")) return this.parseDocumentStart();
    this.tagHandles = { ...DEFAULT_TAGS };
    const mark = this.scanner.peek().start;
    this.states.push(this.sDocumentEnd);
    this.state = this.sBlockNode;
    return { type: "DocumentStart", start: mark, end: mark, explicit: false };
  }

  private parseDocumentStart(): YamlEvent {
    while (this.check("<document end>")) this.scanner.get();
    if (this.check("<stream end>")) {
      const token = this.scanner.get();
      this.state = null;
      return { type: "StreamEnd", start: token.start, end: token.end };
    }
    const start = this.scanner.peek().start;
    this.processDirectives();
    if (!this.check("<document start>")) {
      const token = this.scanner.peek();
      throw this.error(null, null, `expected '<document start>', but found '${token.id}'`, token.start);
    }
    const token = this.scanner.get();
    this.states.push(this.sDocumentEnd);
    this.state = this.sDocumentContent;
    return { type: "DocumentStart", start, end: token.end, explicit: true };
  }

  private parseDocumentEnd(): YamlEvent {
    const token = this.scanner.peek();
    const start = token.start;
    let end = token.start;
    if (this.check("<document end>")) end = this.scanner.get().end;
    this.state = this.sDocumentStart;
    return { type: "DocumentEnd", start, end };
  }

  private parseDocumentContent(): YamlEvent {
    if (this.check("<directive>", "<document start>", "<document end>", "<stream end>")) {
      const event = emptyScalar(this.scanner.peek().start);
      this.state = this.states.pop()!;
      return event;
    }
    return this.parseBlockNode();
  }

  private processDirectives(): void {
    let version: [number, number] | null = null;
    this.tagHandles = {};
    while (this.check("<directive>")) {
      const token = this.scanner.get();
      const directive = token.directive!;
      if (directive.name === "YAML") {
        if (version !== null) throw this.error(null, null, "found duplicate YAML directive", token.start);
        version = directive.version!;
        if (version[0] !== 1) {
          throw this.error(
            null,
            null,
            "found incompatible YAML document (version 1.* is required)",
            token.start,
          );
        }
      } else if (directive.name === "TAG") {
        const [handle, prefix] = directive.tagHandle!;
        if (handle in this.tagHandles)
          throw this.error(null, null, `duplicate tag handle '${handle}'`, token.start);
        this.tagHandles[handle] = prefix;
      }
    }
    for (const [handle, prefix] of Object.entries(DEFAULT_TAGS)) {
      if (!(handle in this.tagHandles)) this.tagHandles[handle] = prefix;
    }
  }

  private parseBlockNode(): YamlEvent {
    return this.parseNode(true, false);
  }

  private parseFlowNode(): YamlEvent {
    return this.parseNode(false, false);
  }

  private parseNode(block: boolean, indentlessSequence: boolean): YamlEvent {
    // The next token's id, read again only after a get(): every node comes through here.
    let id = this.scanner.peekId();
    if (id === "<alias>") {
      const token = this.scanner.get();
      this.state = this.states.pop()!;
      return { type: "Alias", anchor: token.value!, start: token.start, end: token.end };
    }
    let anchor: string | null = null;
    let tagPair: [string | null, string] | null = null;
    let start: Mark | null = null;
    let end: Mark | null = null;
    let tagMark: Mark | null = null;
    if (id === "<anchor>") {
      const token = this.scanner.get();
      start = token.start;
      end = token.end;
      anchor = token.value!;
      id = this.scanner.peekId();
      if (id === "<tag>") {
        const tagToken = this.scanner.get();
        tagMark = tagToken.start;
        end = tagToken.end;
        tagPair = tagToken.tag!;
        id = this.scanner.peekId();
      }
    } else if (id === "<tag>") {
      const token = this.scanner.get();
      start = tagMark = token.start;
      end = token.end;
      tagPair = token.tag!;
      id = this.scanner.peekId();
      if (id === "<anchor>") {
        const anchorToken = this.scanner.get();
        end = anchorToken.end;
        anchor = anchorToken.value!;
        id = this.scanner.peekId();
      }
    }
    let tag: string | null = null;
    if (tagPair !== null) {
      const [handle, suffix] = tagPair;
      if (handle !== null) {
        if (!(handle in this.tagHandles)) {
          throw this.error("while parsing a node", start, `found undefined tag handle '${handle}'`, tagMark!);
        }
        tag = this.tagHandles[handle] + suffix;
      } else {
        tag = suffix;
      }
    }
    if (start === null) start = end = this.scanner.peek().start;
    const implicit = tag === null || tag === "!";
    if (indentlessSequence && id === "-") {
      end = this.scanner.peek().end;
      this.state = this.sIndentlessSequenceEntry;
      return { type: "SequenceStart", anchor, tag, implicit, start, end };
    }
    if (id === "<scalar>") {
      const token = this.scanner.get();
      const scalarImplicit: [boolean, boolean] =
        (token.plain && tag === null) || tag === "!"
          ? [true, false]
          : tag === null
            ? [false, true]
            : [false, false];
      this.state = this.states.pop()!;
      return scalarEvent(anchor, tag, scalarImplicit, token, start);
    }
    if (id === "[") {
      end = this.scanner.peek().end;
      this.state = this.sFlowSequenceFirstEntry;
      return { type: "SequenceStart", anchor, tag, implicit, start, end };
    }
    if (id === "{") {
      end = this.scanner.peek().end;
      this.state = this.sFlowMappingFirstKey;
      return { type: "MappingStart", anchor, tag, implicit, start, end };
    }
    if (block && id === "<block sequence start>") {
      end = this.scanner.peek().start;
      this.state = this.sBlockSequenceFirstEntry;
      return { type: "SequenceStart", anchor, tag, implicit, start, end };
    }
    if (block && id === "<block mapping start>") {
      end = this.scanner.peek().start;
      this.state = this.sBlockMappingFirstKey;
      return { type: "MappingStart", anchor, tag, implicit, start, end };
    }
    if (anchor !== null || tag !== null) {
      // Empty scalars are allowed even if a tag or an anchor is specified.
      this.state = this.states.pop()!;
      return {
        type: "Scalar",
        anchor,
        tag,
        implicit: [implicit, false],
        value: "",
        start,
        end: end!,
        style: null,
      };
    }
    const token = this.scanner.peek();
    throw this.error(
      `while parsing a ${block ? "block" : "flow"} node`,
      start,
      `expected the node content, but found '${token.id}'`,
      token.start,
    );
  }

  private parseBlockSequenceFirstEntry(): YamlEvent {
    this.marks.push(this.scanner.get().start);
    return this.parseBlockSequenceEntry();
  }

  private parseBlockSequenceEntry(): YamlEvent {
    const id = this.scanner.peekId();
    if (id === "-") {
      const token = this.scanner.get();
      if (!this.check("-", "<block end>")) {
        this.states.push(this.sBlockSequenceEntry);
        return this.parseBlockNode();
      }
      this.state = this.sBlockSequenceEntry;
      return emptyScalar(token.end);
    }
    if (id !== "<block end>") {
      const token = this.scanner.peek();
      throw this.error(
        "while parsing a block collection",
        this.marks[this.marks.length - 1]!,
        `expected <block end>, but found '${token.id}'`,
        token.start,
      );
    }
    const token = this.scanner.get();
    this.state = this.states.pop()!;
    this.marks.pop();
    return { type: "SequenceEnd", start: token.start, end: token.end };
  }

  private parseIndentlessSequenceEntry(): YamlEvent {
    if (this.check("-")) {
      const token = this.scanner.get();
      if (!this.check("-", "?", ":", "<block end>")) {
        this.states.push(this.sIndentlessSequenceEntry);
        return this.parseBlockNode();
      }
      this.state = this.sIndentlessSequenceEntry;
      return emptyScalar(token.end);
    }
    const token = this.scanner.peek();
    this.state = this.states.pop()!;
    return { type: "SequenceEnd", start: token.start, end: token.start };
  }

  private parseBlockMappingFirstKey(): YamlEvent {
    this.marks.push(this.scanner.get().start);
    return this.parseBlockMappingKey();
  }

  private parseBlockMappingKey(): YamlEvent {
    const id = this.scanner.peekId();
    if (id === "?") {
      const token = this.scanner.get();
      if (!this.check("?", ":", "<block end>")) {
        this.states.push(this.sBlockMappingValue);
        return this.parseNode(true, true);
      }
      this.state = this.sBlockMappingValue;
      return emptyScalar(token.end);
    }
    if (id !== "<block end>") {
      const token = this.scanner.peek();
      throw this.error(
        "while parsing a block mapping",
        this.marks[this.marks.length - 1]!,
        `expected <block end>, but found '${token.id}'`,
        token.start,
      );
    }
    const token = this.scanner.get();
    this.state = this.states.pop()!;
    this.marks.pop();
    return { type: "MappingEnd", start: token.start, end: token.end };
  }

  private parseBlockMappingValue(): YamlEvent {
    if (this.check(":")) {
      const token = this.scanner.get();
      if (!this.check("?", ":", "<block end>")) {
        this.states.push(this.sBlockMappingKey);
        return this.parseNode(true, true);
      }
      this.state = this.sBlockMappingKey;
      return emptyScalar(token.end);
    }
    this.state = this.sBlockMappingKey;
    return emptyScalar(this.scanner.peek().start);
  }

  private parseFlowSequenceEntry(first: boolean, isStart = false): YamlEvent {
    if (isStart) this.marks.push(this.scanner.get().start);
    if (!this.check("]")) {
      if (!first) {
        if (this.check(",")) {
          this.scanner.get();
        } else {
          const token = this.scanner.peek();
          throw this.error(
            "while parsing a flow sequence",
            this.marks[this.marks.length - 1]!,
            `expected ',' or ']', but got '${token.id}'`,
            token.start,
          );
        }
      }
      if (this.check("?")) {
        const token = this.scanner.peek();
        this.state = this.sFlowSequenceEntryMappingKey;
        return {
          type: "MappingStart",
          anchor: null,
          tag: null,
          implicit: true,
          start: token.start,
          end: token.end,
        };
      }
      if (!this.check("]")) {
        this.states.push(this.sFlowSequenceEntry);
        return this.parseFlowNode();
      }
    }
    const token = this.scanner.get();
    this.state = this.states.pop()!;
    this.marks.pop();
    return { type: "SequenceEnd", start: token.start, end: token.end };
  }

  private parseFlowSequenceEntryMappingKey(): YamlEvent {
    const token = this.scanner.get();
    if (!this.check(":", ",", "]")) {
      this.states.push(this.sFlowSequenceEntryMappingValue);
      return this.parseFlowNode();
    }
    this.state = this.sFlowSequenceEntryMappingValue;
    return emptyScalar(token.end);
  }

  private parseFlowSequenceEntryMappingValue(): YamlEvent {
    if (this.check(":")) {
      const token = this.scanner.get();
      if (!this.check(",", "]")) {
        this.states.push(this.sFlowSequenceEntryMappingEnd);
        return this.parseFlowNode();
      }
      this.state = this.sFlowSequenceEntryMappingEnd;
      return emptyScalar(token.end);
    }
    this.state = this.sFlowSequenceEntryMappingEnd;
    return emptyScalar(this.scanner.peek().start);
  }

  private parseFlowSequenceEntryMappingEnd(): YamlEvent {
    this.state = this.sFlowSequenceEntry;
    const token = this.scanner.peek();
    return { type: "MappingEnd", start: token.start, end: token.start };
  }

  private parseFlowMappingKey(first: boolean, isStart = false): YamlEvent {
    if (isStart) this.marks.push(this.scanner.get().start);
    if (!this.check("}")) {
      if (!first) {
        if (this.check(",")) {
          this.scanner.get();
        } else {
          const token = this.scanner.peek();
          throw this.error(
            "while parsing a flow mapping",
            this.marks[this.marks.length - 1]!,
            `expected ',' or '}', but got '${token.id}'`,
            token.start,
          );
        }
      }
      if (this.check("?")) {
        const token = this.scanner.get();
        if (!this.check(":", ",", "}")) {
          this.states.push(this.sFlowMappingValue);
          return this.parseFlowNode();
        }
        this.state = this.sFlowMappingValue;
        return emptyScalar(token.end);
      }
      if (!this.check("}")) {
        this.states.push(this.sFlowMappingEmptyValue);
        return this.parseFlowNode();
      }
    }
    const token = this.scanner.get();
    this.state = this.states.pop()!;
    this.marks.pop();
    return { type: "MappingEnd", start: token.start, end: token.end };
  }

  private parseFlowMappingValue(): YamlEvent {
    if (this.check(":")) {
      const token = this.scanner.get();
      if (!this.check(",", "}")) {
        this.states.push(this.sFlowMappingKey);
        return this.parseFlowNode();
      }
      this.state = this.sFlowMappingKey;
      return emptyScalar(token.end);
    }
    this.state = this.sFlowMappingKey;
    return emptyScalar(this.scanner.peek().start);
  }

  private parseFlowMappingEmptyValue(): YamlEvent {
    this.state = this.sFlowMappingKey;
    return emptyScalar(this.scanner.peek().start);
  }
}

function emptyScalar(mark: Mark): YamlEvent {
  return {
    type: "Scalar",
    anchor: null,
    tag: null,
    implicit: [true, false],
    value: "",
    start: mark,
    end: mark,
    style: null,
  };
}

function scalarEvent(
  anchor: string | null,
  tag: string | null,
  implicit: [boolean, boolean],
  token: Token,
  start: Mark,
): YamlEvent {
  return {
    type: "Scalar",
    anchor,
    tag,
    implicit,
    value: token.value!,
    start,
    end: token.end,
    style: token.style ?? null,
  };
}
