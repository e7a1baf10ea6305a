// The client's copy of the custom protocol (src/protocol.ts) agrees with the server's definition.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as client from '../src/protocol';
import * as server from '../../packages/language-server/src/protocol';

describe('protocol', () => {
  it('uses the server’s method names and diagnostic source', () => {
    expect(client.CheckWorkspaceRequest).toEqual(server.CheckWorkspaceRequest);
    expect(client.DIAGNOSTIC_SOURCE).toBe(server.DIAGNOSTIC_SOURCE);
  });

  it('declares the same settings and initialization options (field names)', () => {
    // Types leave nothing at run time: compare the declared field names in both sources.
    const fields = (file: string, iface: string) => {
      const text = readFileSync(file, 'utf8');
      const body = new RegExp(`export interface ${iface} \\{([\\s\\S]*?)\\n\\}`).exec(text)?.[1] ?? '';
      return [...body.matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]).sort();
    };
    const ours = join(__dirname, '..', 'src', 'protocol.ts');
    const theirs = join(__dirname, '..', '..', 'packages', 'language-server', 'src', 'protocol.ts');
    // Every setting the client sends is one the server reads, and each is a `wiga.*` setting of the manifest.
    expect(fields(theirs, 'WigaSettings')).toEqual(expect.arrayContaining(fields(ours, 'WigaSettings')));
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect(Object.keys(manifest.contributes.configuration.properties).sort())
      .toEqual(fields(ours, 'WigaSettings').map((f) => `wiga.${f}`));
    expect(fields(ours, 'InitializationOptions')).toEqual(fields(theirs, 'WigaInitializationOptions'));
    expect(fields(ours, 'InitializationOptions')).toEqual(['wiga', 'workspaceTrusted']);
    // What the client reads of the answer, the server sends.
    expect(fields(theirs, 'CheckWorkspaceResult')).toEqual(expect.arrayContaining(fields(ours, 'CheckWorkspaceResult')));
    expect(fields(theirs, 'CheckWorkspaceParams')).toEqual(expect.arrayContaining(fields(ours, 'CheckWorkspaceParams')));
  });
});
