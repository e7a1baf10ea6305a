import { App, TerraformStack, Testing } from 'cdktf';
import type { GovernanceManifest } from '@workload-iga/core';

/** A fresh stack in a test app. */
export function newStack(id = 'test'): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  return { app, stack: new TerraformStack(app, id) };
}

/** The stack's Terraform JSON as cdk.tf.json would hold it (keeps the "//" comments). */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(JSON.stringify(stack.toTerraform()));
}

/** The governance manifest of the stack. */
export function manifestOf(stack: TerraformStack): GovernanceManifest {
  return synthJson(stack)['//']['workload-iga'];
}

/** The single block of a type, parsed from Testing.synth. */
export function onlyBlock(stack: TerraformStack, type: string): any {
  const blocks = JSON.parse(Testing.synth(stack)).resource[type];
  const values = Object.values(blocks ?? {});
  if (values.length !== 1) throw new Error(`expected one ${type}, got ${values.length}`);
  return values[0];
}

/**
 * Where `token` appears on the line of `file` that carries the comment `// @<marker>`, as a
 * SourcePosition relative to the repository root (the cwd of `vitest run`).
 */
export function positionOf(file: string, marker: string, token: string): { file: string; line: number; column: number } {
  const lines = require('node:fs').readFileSync(file, 'utf8').split('\n') as string[];
  const index = lines.findIndex((l) => l.includes(`// @${marker}`));
  if (index < 0) throw new Error(`marker @${marker} not found in ${file}`);
  const column = lines[index].indexOf(token) + 1;
  if (column === 0) throw new Error(`'${token}' not on the @${marker} line`);
  const rel = require('node:path').relative(process.cwd(), file).split(require('node:path').sep).join('/');
  return { file: rel, line: index + 1, column };
}
