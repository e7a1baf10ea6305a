import { posix } from 'node:path';
import type { InputError, InputFile } from '../engine/analysis';
import { UnknownValue } from '../inventory/values';
import type { JsonPath, TextPosition, TextRange } from './json-document';
import type { TerraformBlock, TerraformModel } from './terraform-config';
import { hclParser, type SyntaxNode } from './hcl/tree-sitter';

export { loadHclSupport } from './hcl/tree-sitter';

/**
 * Reads Terraform's native syntax (`*.tf`) statically with tree-sitter's HCL grammar: no terraform
 * run, no provider. Values come out in the form Terraform JSON carries them, so the rest of the engine
 * reads both the same way:
 * - string literals and templates → the template text (`"${aws_s3_bucket.b.arn}/*"`, `$${` kept);
 * - heredocs → their template body (indentation stripped for `<<-`);
 * - numbers, bools, null → JS values; tuples and objects → arrays and objects, element by element;
 * - any other expression (references, function calls, conditionals, for-expressions) →
 *   `"${<expression text>}"`, for the template evaluator;
 * - nested blocks → arrays of objects in order; `dynamic` blocks → an `UnknownValue`.
 * Positions answer the same path shape as Terraform JSON, mapped onto the syntax tree.
 * The tree is freed after reading; only a small outline of positions is kept.
 * @see https://developer.hashicorp.com/terraform/language/syntax/configuration
 * @see https://developer.hashicorp.com/terraform/language/syntax/json
 */

/** Positions of one syntax element and of what can be addressed below it. */
interface Outline {
  readonly range: TextRange;
  /** Attributes of a block body, or keys of an object constructor (position of the value). */
  readonly members?: Map<string, Outline>;
  /** Nested blocks of a body by type (dynamic blocks under their label). */
  readonly blocks?: Map<string, Outline[]>;
  /** Elements of a tuple. */
  readonly items?: Outline[];
  /** The single argument of a function call (`jsonencode({...})`), looked through for paths. */
  readonly inner?: Outline;
}

interface ModuleCall {
  readonly name: string;
  readonly source: string;
  readonly values: Record<string, unknown>;
  readonly line: number;
  readonly column: number;
}

interface ParsedFile {
  readonly file: string;
  readonly directory: string;
  readonly errors: InputError[];
  /** Blocks as read, without module prefix. */
  readonly blocks: TerraformBlock[];
  readonly locals?: Record<string, unknown>;
  readonly modules: ModuleCall[];
  /** Module calls whose code is not read (registry, git): reported as not analysed. */
  readonly notAnalyzed: { line: number; column: number; message: string }[];
  /** `resource\0T\0N`, `data\0T\0N`, `module\0N`, `locals\0NAME` → outline. */
  readonly outlines: Map<string, Outline>;
}

/** Reads one `.tf` file as a root module file. Needs `await loadHclSupport()` first. Syntax errors are `problems`. */
export function readTerraformHcl(file: string, text: string): TerraformModel {
  return instantiate(parseHclFile(file, text), '', undefined);
}

/** What reading the `.tf` inputs gives for one of them. */
export interface HclInputRead {
  /** Directory the models belong to (posix): a root module's directory. */
  readonly directory: string;
  readonly errors: readonly InputError[];
  /** The file's own model, and those of the local modules it calls (prefixed); none for a file of a called module. */
  readonly models: readonly TerraformModel[];
}

/**
 * Reads all `.tf` inputs together, so local module calls (`source = "./modules/x"`) are resolved
 * among them by path: the called module's blocks come out under `module.NAME.` with the call's
 * arguments as `moduleInputs`, and a directory called as a module is not also read as a root.
 * Module sources that are not local paths (registry, git) are left alone.
 */
export function readTerraformHclInputs(inputs: readonly InputFile[]): Map<string, HclInputRead> {
  const parsed = inputs.map((input) => parseHclFile(input.path, input.text));
  const byDirectory = new Map<string, ParsedFile[]>();
  for (const p of parsed) byDirectory.set(p.directory, [...(byDirectory.get(p.directory) ?? []), p]);
  const target = (p: ParsedFile, call: ModuleCall) => {
    if (!/^\.\.?(\/|$)/.test(call.source)) return undefined;
    const directory = posix.normalize(posix.join(p.directory, call.source)).replace(/\/$/, '') || '.';
    return byDirectory.has(directory) ? directory : undefined;
  };
  // The files of one directory are one module: a block declared in two of them is a duplicate.
  for (const files of byDirectory.values()) {
    const firstIn = new Map<string, string>();
    for (const p of files) {
      for (const block of [...p.blocks]) {
        const other = firstIn.get(block.address);
        if (other === undefined) {
          firstIn.set(block.address, p.file);
          continue;
        }
        const at = locate(p.outlines, block.path);
        p.errors.push({ file: p.file, line: at.line, column: at.column, message: `${block.address} is also declared in ${other}; Terraform refuses this configuration` });
        p.blocks.splice(p.blocks.indexOf(block), 1);
      }
    }
  }
  const called = new Set<string>();
  for (const p of parsed) {
    for (const call of p.modules) {
      const directory = target(p, call);
      if (directory !== undefined && directory !== p.directory) called.add(directory);
      else if (/^\.\.?(\/|$)/.test(call.source) && directory === undefined) {
        // A local module whose files are not among the inputs: its IAM would go unchecked.
        p.errors.push({ file: p.file, line: call.line, column: call.column, message: `module '${call.name}': its source '${call.source}' is not among the analysed files (no .tf files in ${posix.normalize(posix.join(p.directory, call.source))})` });
      } else if (directory === undefined) {
        p.notAnalyzed.push({ line: call.line, column: call.column, message: `module '${call.name}' comes from '${call.source}', outside the analysed configuration, so the IAM it creates is not checked` });
      }
    }
  }
  const models = new Map<ParsedFile, TerraformModel[]>();
  const visited = new Set<string>();
  const expandFile = (p: ParsedFile, prefix: string, stack: readonly string[], out: TerraformModel[]) => {
    visited.add(p.directory);
    const moduleInputs: Record<string, Record<string, unknown>> = {};
    const nested: [string, string][] = [];
    for (const call of p.modules) {
      const to = target(p, call);
      if (to === undefined || stack.includes(to)) continue;
      const prefixOfCall = `${prefix}module.${call.name}.`;
      moduleInputs[prefixOfCall] = call.values;
      nested.push([to, prefixOfCall]);
    }
    out.push(instantiate(p, prefix, nested.length > 0 ? moduleInputs : undefined));
    for (const [to, prefixOfCall] of nested) for (const q of byDirectory.get(to)!) expandFile(q, prefixOfCall, [...stack, to], out);
  };
  const roots = new Set<string>();
  const readRoot = (directory: string) => {
    roots.add(directory);
    for (const p of byDirectory.get(directory)!) {
      const out: TerraformModel[] = [];
      expandFile(p, '', [directory], out);
      models.set(p, out);
    }
  };
  for (const directory of byDirectory.keys()) if (!called.has(directory)) readRoot(directory);
  // Directories that only call each other in a cycle have no root: read each one not yet read as one.
  for (const directory of byDirectory.keys()) if (!visited.has(directory)) readRoot(directory);
  const result = new Map<string, HclInputRead>();
  for (const p of parsed) {
    result.set(p.file, { directory: p.directory, errors: p.errors, models: roots.has(p.directory) ? (models.get(p) ?? []) : [] });
  }
  return result;
}

function instantiate(p: ParsedFile, prefix: string, moduleInputs: Record<string, Record<string, unknown>> | undefined): TerraformModel {
  const blocks = prefix === '' ? p.blocks : p.blocks.map((b) => ({ ...b, address: prefix + b.address, modulePrefix: prefix }));
  const rangeOf = (path: JsonPath) => locate(p.outlines, path);
  return {
    file: p.file,
    kind: 'terraform-hcl',
    blocks,
    positionOf: (path): TextPosition => {
      const { line, column } = rangeOf(path);
      return { line, column };
    },
    rangeOf,
    ...(p.notAnalyzed.length > 0 && { notAnalyzed: p.notAnalyzed.map((n) => ({ file: p.file, ...n })) }),
    ...(p.locals && { locals: { [prefix]: p.locals } }),
    ...(moduleInputs && { moduleInputs }),
    problems: p.errors,
  };
}

const ORIGIN: TextRange = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** The range of a Terraform-JSON-shaped path, or of its nearest ancestor that exists. */
function locate(outlines: Map<string, Outline>, path: JsonPath): TextRange {
  const [section, a, b] = path;
  let rest: JsonPath;
  let outline: Outline | undefined;
  if (section === 'resource' || section === 'data') {
    outline = outlines.get(`${section}\0${String(a)}\0${String(b)}`);
    rest = path.slice(3);
  } else if (section === 'module') {
    outline = outlines.get(`module\0${String(a)}`);
    rest = path.slice(2);
  } else if (section === 'locals') {
    outline = outlines.get(`locals\0${String(a)}`);
    rest = path.slice(2);
  } else {
    return ORIGIN;
  }
  if (!outline) return ORIGIN;
  for (let i = 0; i < rest.length; i++) {
    const segment = rest[i]!;
    let next: Outline | undefined;
    let current: Outline | undefined = outline;
    // Look through `jsonencode(...)` and similar single-argument calls.
    while (current && !next) {
      if (typeof segment === 'number') {
        next = current.items?.[segment];
      } else {
        next = current.members?.get(segment);
        const nested = next ? undefined : current.blocks?.get(segment);
        if (nested) {
          const index = rest[i + 1];
          if (typeof index === 'number' && nested[index]) {
            next = nested[index];
            i++;
          } else {
            next = nested[0];
          }
        }
      }
      current = next ? undefined : current.inner;
    }
    if (!next) break;
    outline = next;
  }
  return outline.range;
}

function rangeOfNode(node: SyntaxNode): TextRange {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

function parseHclFile(file: string, text: string): ParsedFile {
  const parser = hclParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter could not parse ${file}`);
  try {
    const errors = syntaxErrors(file, tree.rootNode, text);
    const reader = new Reader(file, text);
    reader.readConfig(tree.rootNode);
    errors.push(...reader.errors);
    return {
      file,
      directory: posix.dirname(file.split('\\').join('/')),
      errors,
      blocks: reader.blocks,
      ...(reader.locals && { locals: reader.locals }),
      modules: reader.modules,
      notAnalyzed: [],
      outlines: reader.outlines,
    };
  } finally {
    tree.delete();
  }
}

/** ERROR and MISSING nodes, outermost first, as input errors with 1-based line and column. */
function syntaxErrors(file: string, root: SyntaxNode, text: string): InputError[] {
  const errors: InputError[] = [];
  if (!root.hasError) return errors;
  const visit = (node: SyntaxNode) => {
    if (errors.length >= 20) return;
    if (node.isMissing) {
      // An unclosed string is reported where it opens, not where the parser gave up.
      const string = node.type === 'quoted_template_end' ? node.parent : null;
      if (string) {
        errors.push({ file, line: string.startPosition.row + 1, column: string.startPosition.column + 1, message: 'syntax error: unterminated string' });
        return;
      }
      errors.push({ file, line: node.startPosition.row + 1, column: node.startPosition.column + 1, message: `syntax error: missing ${describeMissing(node)}` });
      return;
    }
    if (node.isError) {
      const snippet = text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 30)).split('\n')[0]!.trim();
      errors.push({
        file,
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        message: snippet ? `syntax error: unexpected '${snippet}'` : 'syntax error',
      });
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  if (errors.length === 0) errors.push({ file, line: 1, column: 1, message: 'syntax error' });
  return errors;
}

function describeMissing(node: SyntaxNode): string {
  const type = node.type;
  const names: Record<string, string> = { block_end: "'}'", object_end: "'}'", tuple_end: "']'", quoted_template_end: "'\"'", template_interpolation_end: "'}'" };
  return names[type] ?? (/^[a-z_]+$/.test(type) ? type.replace(/_/g, ' ') : `'${type}'`);
}

const named = (node: SyntaxNode): SyntaxNode[] => node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');

class Reader {
  readonly blocks: TerraformBlock[] = [];
  /** What Terraform itself refuses (a block or attribute declared twice), as input errors. */
  readonly errors: InputError[] = [];
  /** Where each block was first declared, by address. */
  readonly declared = new Map<string, number>();
  readonly modules: ModuleCall[] = [];
  readonly outlines = new Map<string, Outline>();
  locals: Record<string, unknown> | undefined;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  readConfig(root: SyntaxNode): void {
    const body = named(root).find((c) => c.type === 'body');
    if (!body) return;
    for (const node of named(body)) {
      if (node.type !== 'block') continue;
      const { type, labels } = this.blockHead(node);
      const content = named(node).find((c) => c.type === 'body');
      if ((type === 'resource' || type === 'data') && labels.length === 2) {
        const [t, n] = labels as [string, string];
        const { values, outline } = this.readBody(content, node);
        const mode = type === 'data' ? 'data' : 'managed';
        const address = `${mode === 'data' ? 'data.' : ''}${t}.${n}`;
        const first = this.declared.get(address);
        if (first !== undefined) {
          // Terraform: "Duplicate resource configuration". Analysing either one would hide the other.
          this.errors.push({ file: this.file, line: node.startPosition.row + 1, column: node.startPosition.column + 1, message: `${address} is declared twice (first at line ${first}); Terraform refuses this configuration` });
          continue;
        }
        this.declared.set(address, node.startPosition.row + 1);
        this.blocks.push({
          address,
          modulePrefix: '',
          mode,
          type: t,
          name: n,
          values,
          raw: true,
          file: this.file,
          path: [type, t, n],
        });
        this.outlines.set(`${type}\0${t}\0${n}`, outline);
      } else if (type === 'locals') {
        const { values, outline } = this.readBody(content, node);
        this.locals = { ...this.locals, ...values };
        for (const [name, member] of outline.members ?? []) this.outlines.set(`locals\0${name}`, member);
      } else if (type === 'module' && labels.length === 1) {
        const { values, outline } = this.readBody(content, node);
        const { source, ...args } = values;
        this.outlines.set(`module\0${labels[0]!}`, outline);
        // Meta-arguments of the call are not inputs of the module.
        for (const meta of ['count', 'for_each', 'providers', 'depends_on', 'version']) delete args[meta];
        if (typeof source === 'string') this.modules.push({ name: labels[0]!, source, values: args, line: node.startPosition.row + 1, column: node.startPosition.column + 1 });
      }
      // variable, output, provider, terraform, moved, import...: not values of the model.
    }
  }

  private blockHead(node: SyntaxNode): { type: string; labels: string[] } {
    const parts = named(node);
    const type = parts[0]?.type === 'identifier' ? parts[0].text : '';
    const labels: string[] = [];
    for (const part of parts.slice(1)) {
      if (part.type === 'string_lit') labels.push(this.templateText(part));
      else if (part.type === 'identifier') labels.push(part.text);
      else break;
    }
    return { type, labels };
  }

  /** Attributes and nested blocks of a body. */
  private readBody(body: SyntaxNode | undefined, owner: SyntaxNode): { values: Record<string, unknown>; outline: Outline } {
    const values: Record<string, unknown> = {};
    const members = new Map<string, Outline>();
    const blocks = new Map<string, Outline[]>();
    const dynamic = new Set<string>();
    for (const node of body ? named(body) : []) {
      if (node.type === 'attribute') {
        const [name, expression] = named(node);
        if (!name || !expression) continue;
        if (members.has(name.text)) {
          // Terraform: "Attribute redefined". Which value would count is not for us to guess.
          this.errors.push({ file: this.file, line: node.startPosition.row + 1, column: node.startPosition.column + 1, message: `the argument '${name.text}' is set twice in one block (first at line ${members.get(name.text)!.range.line}); Terraform refuses this configuration` });
          continue;
        }
        const { value, outline } = this.expression(expression);
        values[name.text] = value;
        members.set(name.text, outline);
      } else if (node.type === 'block') {
        const { type, labels } = this.blockHead(node);
        const content = named(node).find((c) => c.type === 'body');
        if (type === 'dynamic' && labels.length >= 1) {
          const label = labels[0]!;
          dynamic.add(label);
          values[label] = new UnknownValue(`dynamic "${label}" block is not evaluated statically`);
          const outline = this.readBody(content, node).outline;
          blocks.set(label, [...(blocks.get(label) ?? []), outline]);
          continue;
        }
        const read = this.readBody(content, node);
        blocks.set(type, [...(blocks.get(type) ?? []), read.outline]);
        if (dynamic.has(type)) continue;
        const list = values[type];
        values[type] = Array.isArray(list) ? [...list, read.values] : [read.values];
      }
    }
    return { values, outline: { range: rangeOfNode(owner), members, blocks } };
  }

  /** An expression as Terraform JSON would carry it, and its outline. */
  private expression(node: SyntaxNode): { value: unknown; outline: Outline } {
    const parts = named(node);
    const only = parts.length === 1 ? parts[0]! : undefined;
    const range = rangeOfNode(node);
    if (only?.type === 'literal_value') {
      const literal = named(only)[0];
      if (literal?.type === 'numeric_lit') return { value: Number(literal.text), outline: { range } };
      if (literal?.type === 'bool_lit') return { value: literal.text === 'true', outline: { range } };
      if (literal?.type === 'null_lit') return { value: null, outline: { range } };
      if (literal?.type === 'string_lit') return { value: this.templateText(literal), outline: { range } };
    }
    if (only?.type === 'template_expr') {
      const template = named(only)[0];
      if (template?.type === 'quoted_template') return { value: this.templateText(template), outline: { range } };
      if (template?.type === 'heredoc_template') return { value: this.heredocText(template), outline: { range } };
    }
    if (only?.type === 'collection_value') {
      const collection = named(only)[0];
      if (collection?.type === 'tuple') {
        const read = named(collection)
          .filter((c) => c.type === 'expression')
          .map((c) => this.expression(c));
        return { value: read.map((r) => r.value), outline: { range, items: read.map((r) => r.outline) } };
      }
      if (collection?.type === 'object') {
        const value: Record<string, unknown> = {};
        const members = new Map<string, Outline>();
        let literalKeys = true;
        for (const elem of named(collection).filter((c) => c.type === 'object_elem')) {
          const keyNode = elem.childForFieldName('key');
          const valNode = elem.childForFieldName('val');
          const key = keyNode ? this.objectKey(keyNode) : undefined;
          if (key === undefined || !valNode) {
            literalKeys = false;
            break;
          }
          const read = this.expression(valNode);
          value[key] = read.value;
          members.set(key, read.outline);
        }
        if (literalKeys) return { value, outline: { range, members } };
        return { value: this.wrap(node), outline: { range, members } };
      }
    }
    if (only?.type === 'function_call') {
      const args = named(only).find((c) => c.type === 'function_arguments');
      const argList = args ? named(args).filter((c) => c.type === 'expression') : [];
      const inner = argList.length === 1 ? this.expression(argList[0]!).outline : undefined;
      return { value: this.wrap(node), outline: { range, ...(inner && { inner }) } };
    }
    return { value: this.wrap(node), outline: { range } };
  }

  /** A literal object key: a bare name or a string without interpolation. */
  private objectKey(key: SyntaxNode): string | undefined {
    const parts = named(key);
    const only = parts.length === 1 ? parts[0]! : undefined;
    if (only?.type === 'variable_expr' && named(only).length === 1) return only.text;
    if (only?.type === 'literal_value') {
      const literal = named(only)[0];
      if (literal?.type === 'string_lit') return this.templateText(literal);
      if (literal?.type === 'numeric_lit' || literal?.type === 'bool_lit') return literal.text;
    }
    if (only?.type === 'template_expr') {
      const template = named(only)[0];
      if (template?.type === 'quoted_template' && !named(template).some((c) => c.type !== 'template_literal')) return this.templateText(template);
    }
    return undefined;
  }

  /** Any other expression, as a whole-string interpolation for the template evaluator. */
  private wrap(node: SyntaxNode): string {
    return '${' + this.text.slice(node.startIndex, node.endIndex) + '}';
  }

  /**
   * The text of a quoted string or template as Terraform JSON carries it: escapes decoded in the
   * literal parts, interpolations and directives as written, `$${` and `%%{` kept.
   */
  private templateText(node: SyntaxNode): string {
    const start = node.children.find((c) => c?.type === 'quoted_template_start');
    const end = [...node.children].reverse().find((c) => c?.type === 'quoted_template_end');
    const from = start ? start.endIndex : node.startIndex;
    const to = end ? end.startIndex : node.endIndex;
    let out = '';
    let at = from;
    for (const child of node.namedChildren) {
      // Literal parts are decoded from the text between interpolations and directives.
      if (!child || child.type === 'template_literal' || child.startIndex < from || child.endIndex > to) continue;
      out += decodeEscapes(this.text.slice(at, child.startIndex)) + this.text.slice(child.startIndex, child.endIndex);
      at = child.endIndex;
    }
    return out + decodeEscapes(this.text.slice(at, to));
  }

  /** The template body of a heredoc; `<<-` strips the smallest indentation of its lines. */
  private heredocText(node: SyntaxNode): string {
    const start = node.children.find((c) => c?.type === 'heredoc_start');
    const ids = node.children.filter((c): c is SyntaxNode => c?.type === 'heredoc_identifier');
    const open = ids[0];
    const close = ids.length > 1 ? ids[ids.length - 1] : undefined;
    if (!open) return this.wrap(node);
    const newline = this.text.indexOf('\n', open.endIndex);
    const bodyStart = newline === -1 ? open.endIndex : newline + 1;
    const bodyEnd = close ? this.text.lastIndexOf('\n', close.startIndex - 1) + 1 : node.endIndex;
    let body = bodyEnd > bodyStart ? this.text.slice(bodyStart, bodyEnd) : '';
    if (start?.text === '<<-') {
      const lines = body.split('\n');
      const last = lines.pop();
      const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length));
      const strip = Number.isFinite(indent) ? indent : 0;
      body = [...lines.map((l) => l.slice(Math.min(strip, /^[ \t]*/.exec(l)![0].length))), last].join('\n');
    }
    return body.replace(/\r\n/g, '\n');
  }
}

/** HCL string escapes: `\n \r \t \" \\ \uNNNN \UNNNNNNNN`. */
function decodeEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))/gs, (match, u4: string | undefined, u8: string | undefined, c: string | undefined) => {
    if (u4) return String.fromCharCode(parseInt(u4, 16));
    if (u8) return String.fromCodePoint(parseInt(u8, 16));
    switch (c) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '"':
        return '"';
      case '\\':
        return '\\';
      default:
        return match;
    }
  });
}
