import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './build';
import { ADMIN_POLICY, CLEAN_POLICY, cdktfStack, tempTree } from './helpers';

const root = path.resolve(__dirname, '..', '..', '..');
const bin = path.join(root, 'packages', 'cli', 'bin', 'wiga.js');

function wiga(args: string[], cwd: string) {
  const child = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('the built wiga binary', () => {
  // One build at a time, shared with the other tests that spawn the binary.
  beforeAll(() => ensureBuilt());

  it('checks a cdktf.out directory and sets the exit code', () => {
    const clean = tempTree({ 'cdktf.out/stacks/app/cdk.tf.json': cdktfStack(CLEAN_POLICY) });
    expect(wiga(['check'], clean)).toMatchObject({ code: 0, stderr: '' });

    const flawed = tempTree({ 'cdktf.out/stacks/app/cdk.tf.json': cdktfStack(ADMIN_POLICY) });
    const result = wiga(['check', 'cdktf.out', '--format', 'json'], flawed);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).inputs).toEqual([{ file: 'cdktf.out/stacks/app/cdk.tf.json', kind: 'cdktf-synth', status: 'analyzed', errors: [] }]);
  });

  it('exits 2 with one line and no stack trace on bad usage and on unparseable input', () => {
    const dir = tempTree({ 'broken.tf.json': '{"resource": {' });
    expect(wiga(['check', '--bogus'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^wiga: error: unknown option '--bogus'\n/) });
    const broken = wiga(['check', '--format', 'json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^wiga: error: broken\.tf\.json:\d+:\d+: /);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints its version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'packages', 'cli', 'package.json'), 'utf8'));
    expect(wiga(['--version'], root)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
