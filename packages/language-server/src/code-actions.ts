/**
 * Code actions on wiga diagnostics. None is ever applied automatically (no `isPreferred`):
 * - suppress with a reason: `// wiga-suppress <rule> -- <reason>` on the line above (TypeScript),
 *   or an entry in the nearest `.wiga.yaml` (JSON and HCL files, and synth findings);
 * - narrow a wildcard action to the actions of one access level (a suggestion to review);
 * - add the missing `sub` condition to a GitHub Actions / EKS trust statement.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expandAction, ruleById } from '@workload-iga/core';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { stringAt } from './catalog-features';
import { CONFIG_FILE, findConfigFile } from './config';
import { DIAGNOSTIC_SOURCE, type WigaDiagnosticData } from './protocol';

export const REASON_PLACEHOLDER = '<reason>';

export function codeActionsFor(document: TextDocument, path: string, diagnostics: readonly Diagnostic[], workspaceRoot: string | undefined, isTypeScript: boolean, requested?: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const given of diagnostics) {
    // Some clients (Neovim 0.7) send back only part of a diagnostic: fill in the requested range.
    const d: Diagnostic = { ...given, range: given.range ?? requested, message: given.message ?? '' };
    if ((d.source !== undefined && d.source !== DIAGNOSTIC_SOURCE) || typeof d.code !== 'string' || !ruleById(d.code) || !d.range) continue;
    const ruleId = d.code;
    const data = (d.data ?? {}) as Partial<WigaDiagnosticData>;
    if (ruleId === 'no-wildcard-action') actions.push(...narrowWildcard(document, d));
    if (ruleId === 'oidc-trust-requires-subject') {
      const fix = addSubCondition(document, d);
      if (fix) actions.push(fix);
    }
    if (isTypeScript) actions.push(suppressComment(document, d, ruleId));
    else {
      const fix = suppressInConfig(path, d, ruleId, data, workspaceRoot);
      if (fix) actions.push(fix);
    }
  }
  return actions;
}

function suppressComment(document: TextDocument, d: Diagnostic, ruleId: string): CodeAction {
  const line = d.range.start.line;
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^\s*/.exec(text)?.[0] ?? '';
  const edit: TextEdit = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// wiga-suppress ${ruleId} -- ${REASON_PLACEHOLDER}\n` };
  return {
    title: `Suppress ${ruleId} here (write the reason)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [document.uri]: [edit] } },
  };
}

function suppressInConfig(path: string, d: Diagnostic, ruleId: string, data: Partial<WigaDiagnosticData>, workspaceRoot: string | undefined): CodeAction | undefined {
  const existing = findConfigFile(dirname(path));
  const file = existing ?? join(workspaceRoot ?? dirname(path), CONFIG_FILE);
  const uri = pathToFileURL(file).href;
  const entry = [`  - rule: ${ruleId}`, ...(data.address ? [`    address: ${data.address}`] : []), `    reason: ${REASON_PLACEHOLDER}`].join('\n') + '\n';
  let edit: WorkspaceEdit;
  if (existing && existsSync(existing)) {
    const text = readFileSync(existing, 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => /^suppressions:\s*$/.test(l));
    if (at >= 0) {
      edit = { changes: { [uri]: [{ range: { start: { line: at + 1, character: 0 }, end: { line: at + 1, character: 0 } }, newText: entry }] } };
    } else {
      const end = lines.length - (text.endsWith('\n') ? 1 : 0);
      edit = { changes: { [uri]: [{ range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, newText: `${text.endsWith('\n') || text === '' ? '' : '\n'}suppressions:\n${entry}` }] } };
    }
  } else {
    edit = {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `suppressions:\n${entry}` }] },
      ],
    };
  }
  return { title: `Suppress ${ruleId}${data.address ? ` for ${data.address}` : ''} in ${CONFIG_FILE} (write the reason)`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit };
}

/** "Narrow `s3:*` to its Read actions (N)": one action per access level the wildcard covers. */
function narrowWildcard(document: TextDocument, d: Diagnostic): CodeAction[] {
  const text = document.getText();
  const token = stringAt(text, document.offsetAt(d.range.start) + 1);
  if (!token || !/^[a-z0-9-]+:[A-Za-z0-9*?]*[*?][A-Za-z0-9*?]*$/.test(token.value)) return [];
  const expansion = expandAction(token.value);
  if (expansion.actions.length === 0) return [];
  const levels = new Map<string, string[]>();
  for (const a of expansion.actions) for (const l of a.accessLevels) (levels.get(l) ?? levels.set(l, []).get(l)!).push(a.fullName);
  const before = text.slice(0, token.start - 1).trimEnd();
  const inList = before.endsWith('[') || before.endsWith(',');
  const q = token.quote === '`' ? "'" : token.quote;
  const order = ['List', 'Read', 'Tagging', 'Write', 'Permissions management'];
  return [...levels]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([level, names]) => {
      const items = names.sort().map((n) => `${q}${n}${q}`).join(', ');
      const newText = inList ? items : `[${items}]`;
      return {
        title: `Narrow ${token.value} to its ${level} actions (${names.length}) — review before applying`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { changes: { [document.uri]: [{ range: { start: document.positionAt(token.start - 1), end: document.positionAt(token.end + 1) }, newText }] } },
      };
    });
}

/** Adds `<issuer>:sub` next to the statement's `<issuer>:aud` condition. */
function addSubCondition(document: TextDocument, d: Diagnostic): CodeAction | undefined {
  const text = document.getText();
  const from = document.offsetAt(d.range.start);
  const statementStart = Math.max(0, text.lastIndexOf('{', from));
  const region = text.slice(statementStart, statementStart + 2000);
  const aud = /(["'])([A-Za-z0-9./_-]+):aud\1(\s*:\s*)(["'])[^"'\n]*\4/.exec(region);
  if (!aud) return undefined;
  const issuer = aud[2]!;
  const q = aud[1]!;
  const sub = issuer === 'token.actions.githubusercontent.com' ? 'repo:OWNER/REPO:environment:production' : /^oidc\.eks\./.test(issuer) ? 'system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT' : 'SUBJECT';
  const at = statementStart + aud.index + aud[0].length;
  return {
    title: `Add the ${issuer}:sub condition (fill in ${sub.includes('OWNER') ? 'the repository and environment' : 'the subject'})`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [document.uri]: [{ range: { start: document.positionAt(at), end: document.positionAt(at) }, newText: `, ${q}${issuer}:sub${q}${aud[3]}${aud[4]}${sub}${aud[4]}` }] } },
  };
}
