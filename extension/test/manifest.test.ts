// The extension manifest (package.json): what VS Code reads before any code runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITIES } from '@workload-iga/core';
import { describe, expect, it } from 'vitest';

const extensionDir = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('extension manifest', () => {
  it('identifies the extension', () => {
    expect(manifest).toMatchObject({ name: 'workload-iga', displayName: 'Workload IGA', publisher: 'workload-iga', license: 'Apache-2.0' });
    expect(manifest.repository.url).toMatch(/^https:\/\//);
    expect(manifest.main).toBe('./dist/extension.js');
    expect(existsSync(join(extensionDir, 'LICENSE'))).toBe(true);
    expect(existsSync(join(extensionDir, 'README.md'))).toBe(true);
  });

  it('targets the VS Code that @types/vscode and vscode-languageclient 9 describe', () => {
    const types = readJson(join(extensionDir, 'node_modules', '@types', 'vscode', 'package.json'));
    const client = readJson(join(extensionDir, 'node_modules', 'vscode-languageclient', 'package.json'));
    expect(manifest.engines.vscode).toBe(`^${types.version}`);
    expect(client.version).toMatch(/^9\./);
    expect(client.engines.vscode).toBe(manifest.engines.vscode);
  });

  it('activates on CDKTF and Terraform workspaces and on the languages it checks', () => {
    expect(manifest.activationEvents).toEqual([
      'workspaceContains:**/cdktf.json',
      'workspaceContains:**/*.tf',
      'workspaceContains:**/*.tf.json',
      'onLanguage:typescript',
      'onLanguage:json',
      'onLanguage:terraform',
    ]);
  });

  it('declares the two commands, titled "Workload IGA: ..."', () => {
    const titles = manifest.contributes.commands.map((c: { command: string; category: string; title: string }) =>
      [c.command, `${c.category}: ${c.title}`]);
    expect(titles).toEqual([
      ['wiga.checkWorkspace', 'Workload IGA: Check workspace'],
      ['wiga.restartServer', 'Workload IGA: Restart language server'],
    ]);
  });

  it('declares the wiga settings with their defaults, using the core severities', () => {
    expect(Object.keys(properties).sort()).toEqual(['wiga.failOn', 'wiga.minSeverity', 'wiga.rules', 'wiga.showSuppressed', 'wiga.synthOnSave']);
    expect(properties['wiga.showSuppressed']).toMatchObject({ type: 'boolean', default: false });
    expect(properties['wiga.failOn']).toMatchObject({ type: 'string', default: 'high', enum: [...SEVERITIES, 'none'] });
    expect(properties['wiga.minSeverity']).toMatchObject({ type: 'string', default: 'info', enum: [...SEVERITIES] });
    expect(properties['wiga.rules']).toMatchObject({
      type: 'object', default: {}, additionalProperties: { type: 'string', enum: ['off', ...SEVERITIES] },
    });
    const synth = properties['wiga.synthOnSave'];
    expect(synth).toMatchObject({ type: 'boolean', default: false });
    expect(synth.markdownDescription).toMatch(/runs your code/i);
    expect(synth.markdownDescription).toMatch(/trusted workspace/i);
  });

  it('supports untrusted workspaces in a limited way: synthOnSave is restricted', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    expect(untrusted.supported).toBe('limited');
    expect(untrusted.restrictedConfigurations).toEqual(['wiga.synthOnSave']);
    expect(untrusted.description).toMatch(/synth/);
  });

  it('builds and packages with scripts, packaging only the built output', () => {
    expect(manifest.scripts.build).toBe('node scripts/build.mjs');
    expect(manifest.scripts.package).toMatch(/vsce package --no-dependencies/);
    // Everything is bundled or copied into dist/, so the extension has no runtime dependencies.
    expect(manifest.dependencies ?? {}).toEqual({});
    const ignore = readFileSync(join(extensionDir, '.vscodeignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(ignore).toEqual(['**', '!package.json', '!README.md', '!LICENSE', '!dist/**', 'dist/**/*.map']);
  });
});
