// A port of PyYAML 6.0's Parser (yaml/parser.py): tokens -> events. PyYAML already runs it as a state
// machine with an explicit stack of states, so nesting depth costs heap, not call stack.
import { type Mark, markedError } from "./marks.js";
import { Scanner, type Token, type TokenId } from "./scanner.js";

export type YamlEvent =
  | { type: "StreamStart" | "StreamEnd" | "DocumentEnd" | "SequenceEnd" | "MappingEnd"; start: Mark; end: Mark }
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
  private state: State | null = () => this.parseStreamStart();
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

  private check(...ids: TokenId[]): boolean {
    return this.scanner.check(...ids);
  }

  private parseStreamStart(): YamlEvent {
    const token = this.scanner.get();
    this.state = () => this.parseImplicitDocumentStart();
    return { type: "StreamStart", start: token.start, end: token.end };
  }

  private parseImplicitDocumentStart(): YamlEvent {
    if (this.check("<directive>", "<document start>", "<stream end>")) return this.parseDocumentStart();
    this.tagHandles = { ...DEFAULT_TAGS };
    const mark = this.scanner.peek().start;
    this.states.push(() => this.parseDocumentEnd());
    this.state = () => this.parseBlockNode();
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
    this.states.push(() => this.parseDocumentEnd());
    this.state = () => this.parseDocumentContent();
    return { type: "DocumentStart", start, end: token.end, explicit: true };
  }

  private parseDocumentEnd(): YamlEvent {
    const token = this.scanner.peek();
    const start = token.start;
    let end = token.start;
    if (this.check("<document end>")) end = this.scanner.get().end;
    this.state = () => this.parseDocumentStart();
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
          throw this.error(null, null, "found incompatible YAML document (version 1.* is required)", token.start);
        }
      } else if (directive.name === "TAG") {
        const [handle, prefix] = directive.tagHandle!;
        if (handle in this.tagHandles) throw this.error(null, null, `duplicate tag handle '${handle}'`, token.start);
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
    if (this.check("<alias>")) {
      const token = this.scanner.get();
      this.state = this.states.pop()!;
      return { type: "Alias", anchor: token.value!, start: token.start, end: token.end };
    }
    let anchor: string | null = null;
    let tagPair: [string | null, string] | null = null;
    let start: Mark | null = null;
    let end: Mark | null = null;
    let tagMark: Mark | null = null;
    if (this.check("<anchor>")) {
      const token = this.scanner.get();
      start = token.start;
      end = token.end;
      anchor = token.value!;
      if (this.check("<tag>")) {
        const tagToken = this.scanner.get();
        tagMark = tagToken.start;
        end = tagToken.end;
        tagPair = tagToken.tag!;
      }
    } else if (this.check("<tag>")) {
      const token = this.scanner.get();
      start = tagMark = token.start;
      end = token.end;
      tagPair = token.tag!;
      if (this.check("<anchor>")) {
        const anchorToken = this.scanner.get();
        end = anchorToken.end;
        anchor = anchorToken.value!;
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
    if (indentlessSequence && this.check("-")) {
      end = this.scanner.peek().end;
      this.state = () => this.parseIndentlessSequenceEntry();
      return { type: "SequenceStart", anchor, tag, implicit, start, end };
    }
    if (this.check("<scalar>")) {
      const token = this.scanner.get();
      const scalarImplicit: [boolean, boolean] =
        (token.plain && tag === null) || tag === "!" ? [true, false] : tag === null ? [false, true] : [false, false];
      this.state = this.states.pop()!;
      return scalarEvent(anchor, tag, scalarImplicit, token, start);
    }
    if (this.check("[")) {
      end = this.scanner.peek().end;
      this.state = () => this.parseFlowSequenceEntry(true, true);
      return { type: "SequenceStart", anchor, tag, implicit, start, end };
    }
    if (this.check("{")) {
      end = this.scanner.peek().end;
      this.state = () => this.parseFlowMappingKey(true, true);
      return { type: "MappingStart", anchor, tag, implicit, start, end };
    }
    if (block && this.check("<block sequence start>")) {
      end = this.scanner.peek().start;
      this.state = () => this.parseBlockSequenceFirstEntry();
      return { type: "SequenceStart", anchor, tag, implicit, start, end };
    }
    if (block && this.check("<block mapping start>")) {
      end = this.scanner.peek().start;
      this.state = () => this.parseBlockMappingFirstKey();
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
    if (this.check("-")) {
      const token = this.scanner.get();
      if (!this.check("-", "<block end>")) {
        this.states.push(() => this.parseBlockSequenceEntry());
        return this.parseBlockNode();
      }
      this.state = () => this.parseBlockSequenceEntry();
      return emptyScalar(token.end);
    }
    if (!this.check("<block end>")) {
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
        this.states.push(() => this.parseIndentlessSequenceEntry());
        return this.parseBlockNode();
      }
      this.state = () => this.parseIndentlessSequenceEntry();
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
    if (this.check("?")) {
      const token = this.scanner.get();
      if (!this.check("?", ":", "<block end>")) {
        this.states.push(() => this.parseBlockMappingValue());
        return this.parseNode(true, true);
      }
      this.state = () => this.parseBlockMappingValue();
      return emptyScalar(token.end);
    }
    if (!this.check("<block end>")) {
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
        this.states.push(() => this.parseBlockMappingKey());
        return this.parseNode(true, true);
      }
      this.state = () => this.parseBlockMappingKey();
      return emptyScalar(token.end);
    }
    this.state = () => this.parseBlockMappingKey();
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
        this.state = () => this.parseFlowSequenceEntryMappingKey();
        return { type: "MappingStart", anchor: null, tag: null, implicit: true, start: token.start, end: token.end };
      }
      if (!this.check("]")) {
        this.states.push(() => this.parseFlowSequenceEntry(false));
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
      this.states.push(() => this.parseFlowSequenceEntryMappingValue());
      return this.parseFlowNode();
    }
    this.state = () => this.parseFlowSequenceEntryMappingValue();
    return emptyScalar(token.end);
  }

  private parseFlowSequenceEntryMappingValue(): YamlEvent {
    if (this.check(":")) {
      const token = this.scanner.get();
      if (!this.check(",", "]")) {
        this.states.push(() => this.parseFlowSequenceEntryMappingEnd());
        return this.parseFlowNode();
      }
      this.state = () => this.parseFlowSequenceEntryMappingEnd();
      return emptyScalar(token.end);
    }
    this.state = () => this.parseFlowSequenceEntryMappingEnd();
    return emptyScalar(this.scanner.peek().start);
  }

  private parseFlowSequenceEntryMappingEnd(): YamlEvent {
    this.state = () => this.parseFlowSequenceEntry(false);
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
          this.states.push(() => this.parseFlowMappingValue());
          return this.parseFlowNode();
        }
        this.state = () => this.parseFlowMappingValue();
        return emptyScalar(token.end);
      }
      if (!this.check("}")) {
        this.states.push(() => this.parseFlowMappingEmptyValue());
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
        this.states.push(() => this.parseFlowMappingKey(false));
        return this.parseFlowNode();
      }
      this.state = () => this.parseFlowMappingKey(false);
      return emptyScalar(token.end);
    }
    this.state = () => this.parseFlowMappingKey(false);
    return emptyScalar(this.scanner.peek().start);
  }

  private parseFlowMappingEmptyValue(): YamlEvent {
    this.state = () => this.parseFlowMappingKey(false);
    return emptyScalar(this.scanner.peek().start);
  }
}

function emptyScalar(mark: Mark): YamlEvent {
  return { type: "Scalar", anchor: null, tag: null, implicit: [true, false], value: "", start: mark, end: mark, style: null };
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
