import type { Severity } from '@workload-iga/core';

/** ANSI styling that is the identity when colour is off, so formatters have one code path. */
export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly green: (text: string) => string;
  readonly severity: (severity: Severity, text: string) => string;
}

const SEVERITY_CODES: Record<Severity, string> = {
  critical: '1;35',
  high: '1;31',
  medium: '33',
  low: '36',
  info: '2',
};

export function createStyle(color: boolean): Style {
  const wrap = (code: string) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  return {
    bold: wrap('1'),
    dim: wrap('2'),
    green: wrap('32'),
    severity: (severity, text) => wrap(SEVERITY_CODES[severity])(text),
  };
}
