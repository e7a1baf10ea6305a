import { wholeReference, hasHole, referencesIn } from '../inventory/values';

/** The 12-digit account of an AWS principal (`111122223333`, `arn:aws:iam::111122223333:role/x`), if literal. */
export function principalAccount(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** True when the principal is written with a reference or variable (its account is not literal). */
export function isSymbolicPrincipal(principal: string): boolean {
  return wholeReference(principal) !== undefined || hasHole(principal) || referencesIn(principal).length > 0;
}

/** The 12-digit account in a resource ARN (`arn:aws:sqs:eu-west-1:111122223333:q`), if any. */
export function resourceAccount(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}
