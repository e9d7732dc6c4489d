import { describe, expect, it } from 'vitest';
import { scriptJson } from '../app/lib/script-json';

describe('scriptJson (data written into an inline <script>)', () => {
  const hostile = [
    '</script><script>alert(1)</script>',
    '<!-- <script>',
    'a & b > c',
    'line\u2028sep\u2029ara',
    '</SCRIPT>',
  ];

  it('leaves nothing that could end the script, open a comment or break a line', () => {
    for (const text of hostile) {
      const out = scriptJson({ text, list: [text] });
      expect(out).not.toMatch(/<|>|&|\u2028|\u2029/);
    }
  });

  it('is still JSON for the same value', () => {
    const value = { names: hostile, n: 1.5, nested: { ok: true, none: null } };
    expect(JSON.parse(scriptJson(value))).toEqual(value);
  });

  it('also survives being evaluated as a script, as the browser does', () => {
    const text = hostile.join(' | ');
    // biome-ignore lint/security/noGlobalEval: the point of the test is what a script evaluates to.
    expect((0, eval)(`(${scriptJson(text)})`)).toBe(text);
  });
});
