/**
 * True when `text` is JSON with comments or trailing commas (tsconfig.json, .vscode/settings.json):
 * an editor or compiler config, never Terraform JSON, a plan or an IAM policy (none of which allow
 * comments). Truncated or otherwise broken JSON is not JSONC either.
 */
export function isJsonWithComments(text: string): boolean {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"') {
      const end = stringEnd(text, i);
      if (end === -1) return false;
      out += text.slice(i, end);
      i = end;
    } else if (char === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return false;
      out += ' ';
      i = end + 2;
    } else {
      out += char;
      i++;
    }
  }
  try {
    JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
    return true;
  } catch {
    return false;
  }
}

/** Index just after the closing quote of the string starting at `start`, or -1 when unterminated. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
    else if (text[i] === '\n') return -1;
  }
  return -1;
}
