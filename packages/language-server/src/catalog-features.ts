/** Hover and completion on IAM action names and condition keys inside strings (JSON, TypeScript, HCL). */
import { INTENTS, allServices, expandAction, lookupAction, serviceActions, type ActionInfo } from '@workload-iga/core';
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface StringToken {
  /** Offsets of the content (inside the quotes). */
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly quote: string;
}

/** The quoted string on the line of `offset` that contains it (the quotes included as boundaries). */
export function stringAt(text: string, offset: number): StringToken | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  let i = lineStart;
  while (i < lineEnd) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < lineEnd && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      if (offset > i && offset <= j) return { start: i + 1, end: Math.min(j, lineEnd), value: text.slice(i + 1, Math.min(j, lineEnd)), quote: c };
      i = j + 1;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') break;
    i++;
  }
  return undefined;
}

const ACTION = /^([a-z0-9-]+):([A-Za-z0-9*?]+)$/;
const SENSITIVE_SERVICES = new Set(['iam', 'sts', 'kms', 'organizations', 'secretsmanager', 'ssm', 'lambda', 'ec2', 's3']);

function isSensitive(a: ActionInfo): boolean {
  return a.accessLevels.includes('Permissions management') || (a.accessLevels.includes('Write') && ['iam', 'sts', 'kms', 'organizations'].includes(a.service));
}

/** Hover text for an action or action pattern, or undefined when the string is none. */
export function actionHover(value: string): string | undefined {
  if (value === '*') {
    return '**`*`** — every action of every AWS service, including all of IAM (`iam:*`), STS and KMS: full administrator access.';
  }
  const m = ACTION.exec(value);
  if (!m) return undefined;
  if (!/[*?]/.test(value)) {
    const a = lookupAction(value);
    if (!a) return `**\`${value}\`** — no such action in the IAM catalogue${serviceActions(m[1]!) ? ` of \`${m[1]}\`` : ` (unknown service \`${m[1]}\`)`}.`;
    const lines = [
      `**\`${a.fullName}\`** — ${a.accessLevels.join(', ')}`,
      '',
      a.description,
      '',
      `**Resource types:** ${a.resourceTypes.length ? a.resourceTypes.map((r) => `\`${r}\`${a.requiredResourceTypes.includes(r) ? ' (required)' : ''}`).join(', ') : 'none: only `"Resource": "*"`'}`,
    ];
    if (a.conditionKeys.length) lines.push('', `**Condition keys:** ${a.conditionKeys.map((k) => `\`${k}\``).join(', ')}`);
    return lines.join('\n');
  }
  const e = expandAction(value);
  if (e.unknownService) return `**\`${value}\`** — matches no known service.`;
  const byLevel = new Map<string, number>();
  for (const a of e.actions) for (const l of a.accessLevels) byLevel.set(l, (byLevel.get(l) ?? 0) + 1);
  const sensitive = e.actions.filter(isSensitive);
  const lines = [
    `**\`${value}\`** grants **${e.actions.length}** action${e.actions.length === 1 ? '' : 's'}${e.coversWholeService ? ' (the whole service)' : ''}.`,
    '',
    [...byLevel].map(([l, n]) => `${l}: ${n}`).join(' · '),
  ];
  if (sensitive.length) {
    lines.push('', `**Sensitive (${sensitive.length})** — Permissions management, or Write of iam/sts/kms/organizations:`);
    lines.push(sensitive.slice(0, 15).map((a) => `\`${a.fullName}\``).join(', ') + (sensitive.length > 15 ? `, … ${sensitive.length - 15} more` : ''));
  }
  return lines.join('\n');
}

const INTENT_HELPERS: Record<string, string> = {
  grantReadBucket: 's3-read-bucket', grantWriteBucket: 's3-write-bucket', grantReadSecret: 'secret-read', grantPublishToQueue: 'sqs-publish',
  grantConsumeQueue: 'sqs-consume', grantPublishToTopic: 'sns-publish', grantReadTable: 'dynamodb-read-table', grantWriteTable: 'dynamodb-write-table',
  grantDecrypt: 'kms-decrypt', grantWriteLogs: 'logs-write', grantPullImage: 'ecr-pull', grantInvokeModel: 'bedrock-invoke-model',
};

/** Hover on an intent helper of `WorkloadIdentity` (`grantReadBucket`): the actions it grants. */
function intentHover(document: TextDocument, offset: number): Hover | undefined {
  const text = document.getText();
  let start = offset;
  let end = offset;
  while (start > 0 && /\w/.test(text[start - 1]!)) start--;
  while (end < text.length && /\w/.test(text[end]!)) end++;
  const id = INTENT_HELPERS[text.slice(start, end)];
  const intent = id ? INTENTS.find((i) => i.id === id) : undefined;
  if (!intent) return undefined;
  const value = [
    `**${text.slice(start, end)}** — intent \`${intent.id}\`: ${intent.description}`,
    '',
    intent.actions.map((a) => `\`${a}\``).join(', '),
    '',
    `Resources: ${intent.resourceShape === 'bucket-and-objects' ? 'the bucket ARN and `ARN/*`' : 'the ARN given'}. [Reference](${intent.reference})`,
  ].join('\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range: { start: document.positionAt(start), end: document.positionAt(end) } };
}

export function hoverAt(document: TextDocument, offset: number): Hover | undefined {
  const token = stringAt(document.getText(), offset);
  if (!token) return intentHover(document, offset);
  const text = actionHover(token.value) ?? conditionKeyHover(token.value);
  if (!text) return undefined;
  const range: Range = { start: document.positionAt(token.start), end: document.positionAt(token.end) };
  return { contents: { kind: MarkupKind.Markdown, value: text }, range };
}

const GLOBAL_KEYS = [
  'aws:CurrentTime', 'aws:EpochTime', 'aws:MultiFactorAuthPresent', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths', 'aws:PrincipalTag/', 'aws:RequestTag/', 'aws:ResourceTag/', 'aws:TagKeys', 'aws:RequestedRegion', 'aws:SecureTransport',
  'aws:SourceAccount', 'aws:SourceArn', 'aws:SourceIp', 'aws:SourceOrgID', 'aws:SourceVpc', 'aws:SourceVpce', 'aws:ViaAWSService', 'aws:CalledVia',
  'sts:ExternalId', 'token.actions.githubusercontent.com:sub', 'token.actions.githubusercontent.com:aud',
];

function conditionKeyHover(value: string): string | undefined {
  if (value === 'token.actions.githubusercontent.com:sub') return '**GitHub OIDC `sub`** — `repo:OWNER/REPO:environment:ENV` or `repo:OWNER/REPO:ref:refs/heads/BRANCH`. Without it any repository on GitHub can assume the role.';
  if (/^aws:[A-Za-z]+/.test(value) && GLOBAL_KEYS.some((k) => value.startsWith(k))) return `**\`${value}\`** — AWS global condition key.`;
  return undefined;
}

const keysCache = new Map<string, string[]>();
function serviceConditionKeys(service: string): string[] {
  let keys = keysCache.get(service);
  if (!keys) {
    const set = new Set<string>();
    for (const a of serviceActions(service)?.values() ?? []) for (const k of a.conditionKeys) set.add(k);
    keys = [...set].sort();
    keysCache.set(service, keys);
  }
  return keys;
}

/** Completion inside a string: action names (`s3:Get` → actions), service prefixes, condition keys. */
export function completionsAt(document: TextDocument, offset: number): CompletionItem[] | undefined {
  const text = document.getText();
  const token = stringAt(text, offset);
  if (!token) return undefined;
  const typed = text.slice(token.start, offset);
  if (!/^[A-Za-z0-9.:/*_-]*$/.test(typed)) return undefined;
  const range: Range = { start: document.positionAt(token.start), end: document.positionAt(token.end) };
  const context = text.slice(Math.max(0, offset - 400), offset);
  // A key inside a Condition block (JSON/TS) or an HCL `variable =`.
  const inCondition = /(Condition|condition|conditions)\s*["']?\s*[:={]/.test(context.slice(-300)) && /[{,]\s*$/.test(text.slice(Math.max(0, token.start - 40), token.start - 1)) || /variable\s*[:=]\s*$/.test(text.slice(Math.max(0, token.start - 30), token.start - 1));
  const colon = typed.indexOf(':');
  if (inCondition) {
    const service = colon > 0 ? typed.slice(0, colon).toLowerCase() : undefined;
    const keys = [...GLOBAL_KEYS, ...(service && service !== 'aws' ? serviceConditionKeys(service) : [])];
    return keys.filter((k) => k.toLowerCase().startsWith(typed.toLowerCase())).slice(0, 200).map((k) => ({ label: k, kind: CompletionItemKind.Property, textEdit: { range, newText: k }, detail: 'condition key' }));
  }
  if (colon === -1) {
    return allServices()
      .filter((s) => s.startsWith(typed.toLowerCase()))
      .map((s) => ({ label: `${s}:`, kind: CompletionItemKind.Module, textEdit: { range, newText: `${s}:` }, command: { title: 'actions', command: 'editor.action.triggerSuggest' } }));
  }
  const service = typed.slice(0, colon).toLowerCase();
  const actions = serviceActions(service);
  if (!actions) return [];
  const prefix = typed.slice(colon + 1).toLowerCase();
  const items: CompletionItem[] = [];
  for (const [lower, a] of actions) {
    if (!lower.startsWith(prefix)) continue;
    items.push({
      label: a.fullName,
      kind: CompletionItemKind.Value,
      detail: a.accessLevels.join(', '),
      documentation: { kind: MarkupKind.Markdown, value: a.description },
      textEdit: { range, newText: a.fullName },
      filterText: a.fullName,
    });
  }
  return items;
}

export { SENSITIVE_SERVICES };
