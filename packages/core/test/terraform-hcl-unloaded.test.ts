import { expect, it } from 'vitest';
import { analyze, readTerraformHcl } from '@workload-iga/core';

// Its own file: the WASM parser is loaded once per process, and this process never loads it.
it('reading .tf before loadHclSupport() is a programmer error that says what to do; JSON inputs need no loading', () => {
  const message = 'HCL support is not loaded: call await loadHclSupport() before analysing .tf files';
  expect(() => readTerraformHcl('main.tf', 'resource "aws_iam_user" "u" {}\n')).toThrow(message);
  expect(() => analyze([{ path: 'main.tf', text: 'resource "aws_iam_user" "u" {}\n' }])).toThrow(message);
  expect(analyze([{ path: 'main.tf.json', text: '{"resource": {"aws_iam_user": {"u": {}}}}' }]).inputs[0]!.status).toBe('analyzed');
});
