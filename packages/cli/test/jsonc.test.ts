import { describe, expect, it } from 'vitest';
import { isJsonWithComments } from '../src/jsonc';

describe('isJsonWithComments', () => {
  it.each([
    ['{ "a": 1 }', true],
    ['{\n  // line comment\n  "a": 1\n}', true],
    ['{ /* block */ "a": [1, 2,], }', true],
    ['{ "url": "http://x//y", "glob": "/*" }', true],
    ['{ "a": "quote \\" // not a comment" }', true],
    ['', false],
    ['{ "a": ', false],
    ['{ "a": 1 } /* unterminated', false],
    ['{ "a": "unterminated }', false],
    ['not json', false],
  ])('%j → %s', (text, expected) => {
    expect(isJsonWithComments(text)).toBe(expected);
  });
});
