import { UnknownValue, holeMarker, isUnknown, referenceMarker } from '../inventory/values';

/**
 * Evaluates the part of Terraform's expression language that synthesized and hand-written
 * Terraform JSON uses in IAM attributes: `${...}` string templates, `$${` escapes, references,
 * `jsonencode({...})` of object and tuple literals, and a few pure functions. Anything else is an
 * explicit `UnknownValue`, never a guess.
 * @see https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping
 * @see https://developer.hashicorp.com/terraform/language/expressions/strings
 */

/** Turns a reference traversal (`aws_iam_role.r.arn`) into a value. */
export type ReferenceResolver = (reference: string) => unknown;

const REFERENCE_SOURCE = '(?:data\\.)?[A-Za-z_][A-Za-z0-9_-]*\\.[A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z_][A-Za-z0-9_-]*)*';
const PLAIN_REFERENCE = new RegExp(`\\$\\{(${REFERENCE_SOURCE})\\}`);
/** Text whose every `${` starts a plain reference, with no `$${` escape and no `%{` directive. */
const ONLY_PLAIN_REFERENCES = new RegExp(`^(?:[^$%]|\\$(?![{$])|%(?![{%])|\\$\\{${REFERENCE_SOURCE}\\})*$`);
const SINGLE_REFERENCE = /^\$\{((?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*)\}$/;

/** IAM policy variables (`${aws:username}`) look like interpolations but are not Terraform's. */
const POLICY_VARIABLE = /^(?:[a-zA-Z0-9-]+:[a-zA-Z0-9_\-/.]+|\*|\?|\$)$/;

/** Evaluates a string that may hold `${...}` interpolations. */
export function evaluateTemplate(text: string, resolve: ReferenceResolver): unknown {
  if (text.indexOf('${') === -1 && text.indexOf('%{') === -1) return text;
  // The common case in synthesized output: the whole string is one reference.
  const single = SINGLE_REFERENCE.exec(text);
  if (single) return resolve(single[1]!);
  // Also common: plain references inside literal text (`${aws_s3_bucket.b.arn}/*`).
  if (ONLY_PLAIN_REFERENCES.test(text)) {
    const parts = text.split(PLAIN_REFERENCE);
    // split() with a capture group alternates literal text and reference names.
    return concatenate(parts.map((part, i) => (i % 2 === 1 ? resolve(part) : part)).filter((p) => p !== ''));
  }
  const parser = new Parser(text, resolve);
  return parser.template(text.length, false);
}

class ParseFailure extends Error {}

class Parser {
  private pos = 0;

  constructor(
    private readonly src: string,
    private readonly resolve: ReferenceResolver,
  ) {}

  /**
   * A template up to `end` (or up to the closing quote when `quoted`). A template that is exactly one
   * interpolation yields that value itself (an object, a list, a reference), as Terraform does.
   */
  template(end: number, quoted: boolean): unknown {
    const parts: unknown[] = [];
    let literal = '';
    const src = this.src;
    while (this.pos < end) {
      const c = src[this.pos]!;
      if (quoted && c === '"') break;
      if (quoted && c === '\\') {
        literal += this.escape();
        continue;
      }
      if ((c === '$' || c === '%') && src[this.pos + 1] === c && src[this.pos + 2] === '{') {
        // `$${` and `%%{` are the escapes for a literal `${` and `%{`.
        literal += c + '{';
        this.pos += 3;
        continue;
      }
      if ((c === '$' || c === '%') && src[this.pos + 1] === '{') {
        if (c === '%') return new UnknownValue('template directive %{...} is not evaluated');
        const close = this.findClose(this.pos + 2);
        const inner = src.slice(this.pos + 2, close);
        if (POLICY_VARIABLE.test(inner.trim())) {
          literal += src.slice(this.pos, close + 1);
          this.pos = close + 1;
          continue;
        }
        if (literal) parts.push(literal);
        literal = '';
        this.pos += 2;
        this.skipSpace();
        const value = this.expression();
        this.skipSpace();
        if (src[this.pos] === '~') this.pos++;
        if (src[this.pos] !== '}') throw new ParseFailure(`expected '}' at ${this.pos}`);
        this.pos++;
        parts.push(value);
        continue;
      }
      literal += c;
      this.pos++;
    }
    if (literal) parts.push(literal);
    if (parts.length === 1 && !quoted) return parts[0];
    if (parts.length === 0) return '';
    return concatenate(parts);
  }

  private findClose(from: number): number {
    let depth = 0;
    let inString = false;
    for (let i = from; i < this.src.length; i++) {
      const c = this.src[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') {
        if (depth === 0) return i;
        depth--;
      }
    }
    throw new ParseFailure('unterminated interpolation');
  }

  private escape(): string {
    const next = this.src[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case '"': return '"';
      case '\\': return '\\';
      case 'u': {
        const hex = this.src.slice(this.pos, this.pos + 4);
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      case 'U': {
        const hex = this.src.slice(this.pos, this.pos + 8);
        this.pos += 8;
        return String.fromCodePoint(parseInt(hex, 16));
      }
      default:
        throw new ParseFailure(`unknown escape \\${next}`);
    }
  }

  expression(): unknown {
    {
      const value = this.primary();
      this.skipInlineSpace();
      const c = this.src[this.pos];
      if (c && c !== '}' && c !== ',' && c !== ']' && c !== ')' && c !== '\n' && c !== '~' && !(c === '=' && this.src[this.pos + 1] !== '=') && c !== ':') {
        // An operator (`? :`, `==`, `+`, ...) follows: not evaluated statically.
        this.skipToExpressionEnd();
        return new UnknownValue('expression with operators is not evaluated statically');
      }
      return value;
    }
  }

  private skipToExpressionEnd(): void {
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === '"') {
        this.pos++;
        this.template(this.src.length, true);
        this.pos++;
        continue;
      }
      if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') {
        if (depth === 0) return;
        depth--;
      } else if (c === ',' && depth === 0) return;
      this.pos++;
    }
  }

  private primary(): unknown {
    this.skipSpace();
    const c = this.src[this.pos];
    if (c === '"') {
      this.pos++;
      const value = this.template(this.src.length, true);
      if (this.src[this.pos] !== '"') throw new ParseFailure('unterminated string');
      this.pos++;
      return value;
    }
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    if (c === '(') {
      this.pos++;
      const value = this.expression();
      this.skipSpace();
      this.expect(')');
      return value;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    if (c === '<' && this.src.startsWith('<<', this.pos)) return this.heredoc();
    const name = this.identifier();
    if (name === 'true') return true;
    if (name === 'false') return false;
    if (name === 'null') return null;
    this.skipInlineSpace();
    if (this.src[this.pos] === '(') return this.call(name);
    return this.traversal(name);
  }

  private traversal(root: string): unknown {
    let reference = root;
    for (;;) {
      const c = this.src[this.pos];
      if (c === '.') {
        this.pos++;
        if (this.src[this.pos] === '*') return new UnknownValue(`splat expression ${reference}.* is not evaluated statically`, [reference]);
        reference += '.' + this.identifierOrIndex();
      } else if (c === '[') {
        this.pos++;
        this.skipSpace();
        if (this.src[this.pos] === '*') return new UnknownValue(`splat expression ${reference}[*] is not evaluated statically`, [reference]);
        const index = this.expression();
        this.skipSpace();
        this.expect(']');
        // An index known only per instance (`count.index`, `each.key`): some instance of the block.
        if (typeof index !== 'number' && typeof index !== 'string') reference += '[#]';
        else reference += `[${typeof index === 'string' ? JSON.stringify(index) : index}]`;
      } else {
        break;
      }
    }
    return this.resolve(reference);
  }

  private call(name: string): unknown {
    this.expect('(');
    const args: unknown[] = [];
    this.skipSpace();
    while (this.src[this.pos] !== ')') {
      args.push(this.expression());
      this.skipSpace();
      if (this.src[this.pos] === ',') this.pos++;
      else if (this.src.startsWith('...', this.pos)) this.pos += 3;
      this.skipSpace();
      if (this.pos >= this.src.length) throw new ParseFailure('unterminated call');
    }
    this.pos++;
    return callFunction(name, args);
  }

  private object(): unknown {
    this.expect('{');
    const result: Record<string, unknown> = {};
    let unknownKey: UnknownValue | undefined;
    this.skipSpace();
    while (this.src[this.pos] !== '}') {
      let key: unknown;
      const c = this.src[this.pos];
      if (c === '"') key = this.primary();
      else if (c === '(') key = this.primary();
      else key = this.identifier();
      this.skipSpace();
      if (this.src[this.pos] !== '=' && this.src[this.pos] !== ':') throw new ParseFailure(`expected '=' after object key at ${this.pos}`);
      this.pos++;
      const value = this.expression();
      if (typeof key === 'string') result[key] = value;
      else unknownKey = isUnknown(key) ? key : new UnknownValue('object key is not a string');
      this.skipSpace();
      if (this.src[this.pos] === ',') this.pos++;
      this.skipSpace();
      if (this.pos >= this.src.length) throw new ParseFailure('unterminated object');
    }
    this.pos++;
    return unknownKey ?? result;
  }

  private tuple(): unknown[] {
    this.expect('[');
    const items: unknown[] = [];
    this.skipSpace();
    while (this.src[this.pos] !== ']') {
      items.push(this.expression());
      this.skipSpace();
      if (this.src[this.pos] === ',') this.pos++;
      this.skipSpace();
      if (this.pos >= this.src.length) throw new ParseFailure('unterminated tuple');
    }
    this.pos++;
    return items;
  }

  private heredoc(): unknown {
    const match = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(this.src.slice(this.pos));
    if (!match) throw new ParseFailure('bad heredoc');
    const start = this.pos + match[0].length;
    const endMarker = new RegExp(`^[ \\t]*${match[2]}[ \\t]*$`, 'm');
    const rest = this.src.slice(start);
    const end = endMarker.exec(rest);
    if (!end) throw new ParseFailure('unterminated heredoc');
    let body = rest.slice(0, end.index);
    this.pos = start + end.index + end[0].length;
    if (match[1] === '-') {
      const lines = body.split('\n');
      const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
      body = lines.map((l) => l.slice(indent)).join('\n');
    }
    return evaluateTemplate(body.replace(/\r?\n$/, '\n'), this.resolve);
  }

  private number(): number {
    const match = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.src.slice(this.pos));
    if (!match) throw new ParseFailure(`bad number at ${this.pos}`);
    this.pos += match[0].length;
    return Number(match[0]);
  }

  private identifier(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!match) throw new ParseFailure(`unexpected '${this.src[this.pos] ?? 'end'}' at ${this.pos}`);
    this.pos += match[0].length;
    return match[0];
  }

  private identifierOrIndex(): string {
    const match = /^(?:[A-Za-z_][A-Za-z0-9_-]*|\d+)/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!match) throw new ParseFailure(`bad attribute at ${this.pos}`);
    this.pos += match[0].length;
    return match[0];
  }

  private expect(c: string): void {
    if (this.src[this.pos] !== c) throw new ParseFailure(`expected '${c}' at ${this.pos}`);
    this.pos++;
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\n' || c === '\t' || c === '\r') this.pos++;
      else if (c === '#' || (c === '/' && this.src[this.pos + 1] === '/')) {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private skipInlineSpace(): void {
    while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos++;
  }
}

/** Joins template parts; a reference becomes its marker, an unknown part makes the whole unknown. */
function concatenate(parts: readonly unknown[]): unknown {
  let out = '';
  const references: string[] = [];
  let unknown: UnknownValue | undefined;
  for (const part of parts) {
    if (isUnknown(part) && part.hole !== undefined) {
      out += holeMarker(part.hole);
      references.push(...part.references);
    } else if (isUnknown(part)) {
      unknown ??= part;
      references.push(...part.references);
    } else if (typeof part === 'string') out += part;
    else if (typeof part === 'number' || typeof part === 'boolean') out += String(part);
    else if (part === null) out += '';
    else out += JSON.stringify(part);
  }
  return unknown ? new UnknownValue(unknown.reason, references) : out;
}

function callFunction(name: string, args: readonly unknown[]): unknown {
  const unknownArg = args.find(isUnknown);
  switch (name) {
    case 'jsonencode':
      // The policy parser accepts the object itself; rendering to text is left to the consumer.
      return args.length === 1 ? args[0] : new UnknownValue('jsonencode takes one argument');
    case 'jsondecode':
      if (unknownArg) return unknownArg;
      if (typeof args[0] !== 'string') return new UnknownValue('jsondecode of a non-string');
      try {
        return JSON.parse(args[0]);
      } catch {
        return new UnknownValue('jsondecode of invalid JSON');
      }
    case 'tostring':
      return unknownArg ?? (typeof args[0] === 'string' ? args[0] : String(args[0]));
    case 'lower':
      return unknownArg ?? (typeof args[0] === 'string' ? args[0].toLowerCase() : new UnknownValue('lower of a non-string'));
    case 'upper':
      return unknownArg ?? (typeof args[0] === 'string' ? args[0].toUpperCase() : new UnknownValue('upper of a non-string'));
    case 'join': {
      const [separator, ...lists] = args;
      if (typeof separator !== 'string') return new UnknownValue('join separator not known');
      const items = lists.flatMap((l) => (Array.isArray(l) ? l : [l]));
      return concatenate(items.flatMap((item, i) => (i === 0 ? [item] : [separator, item])));
    }
    case 'concat':
      if (unknownArg) return unknownArg;
      return args.every(Array.isArray) ? (args as unknown[][]).flat() : new UnknownValue('concat of non-lists');
    case 'tolist':
    case 'toset':
      return unknownArg ?? args[0];
    default:
      return new UnknownValue(`function ${name}() is not evaluated statically`);
  }
}

/** Evaluates every template string inside a JSON value (objects, lists). */
export function evaluateDeep(value: unknown, resolve: ReferenceResolver): unknown {
  if (typeof value === 'string') return value.indexOf('{') === -1 ? value : evaluateTemplateSafely(value, resolve);
  // Lists and objects are copied only when something inside them changed: most values hold no
  // template, and copying every one is most of what a large stack allocates.
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = evaluateDeep(value[i], resolve);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return out ?? value;
  }
  if (value !== null && typeof value === 'object' && !isUnknown(value)) {
    let out: Record<string, unknown> | undefined;
    for (const k in value) {
      const original = (value as Record<string, unknown>)[k];
      const v = evaluateDeep(original, resolve);
      if (v !== original) (out ??= { ...(value as Record<string, unknown>) })[k] = v;
    }
    return out ?? value;
  }
  return value;
}

/** Like `evaluateTemplate`, but a template it cannot parse becomes an explicit unknown. */
export function evaluateTemplateSafely(text: string, resolve: ReferenceResolver): unknown {
  try {
    return evaluateTemplate(text, resolve);
  } catch (error) {
    if (error instanceof ParseFailure) return new UnknownValue(`Terraform expression not understood: ${error.message}`);
    throw error;
  }
}

export { referenceMarker };
