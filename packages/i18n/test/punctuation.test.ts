import { describe, expect, it } from 'vitest';
import { catalogue, translate } from '../src/index.ts';

/** Han characters, CJK punctuation and full-width forms. */
const CJK = '\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef';
/**
 * An ASCII "(", ")" or ":" next to Chinese (spaces between allowed), or next to a placeholder: a
 * Chinese reader expects （）： there. Numbers and times ("12:00") and URLs are not Chinese, so they pass.
 */
const asciiNextToChinese = new RegExp(`[${CJK}]\\s*[():]|[():]\\s*[${CJK}]`);

/** Messages where the ASCII form is right (none so far): key → why. */
const allowed: Record<string, string> = {};

describe('Chinese punctuation in zh-CN messages', () => {
  it('uses full-width （）： next to Chinese, never ASCII ( ) :', () => {
    const offending = Object.entries(catalogue('zh-CN'))
      .filter(([key, text]) => !(key in allowed) && asciiNextToChinese.test(text))
      .map(([key, text]) => `${key}: ${text}`);
    expect(offending).toEqual([]);
  });

  it('the check flags the forms it is meant to, and leaves times and URLs alone', () => {
    expect(asciiNextToChinese.test('2026 年第四季度 (进行中)')).toBe(true);
    expect(asciiNextToChinese.test('缺少 2 个字段: 退出方式')).toBe(true);
    expect(asciiNextToChinese.test('每天 12:00 发送')).toBe(false);
    expect(asciiNextToChinese.test('请访问 https://example.com/a')).toBe(false);
  });

  it('gives pages full-width parentheses, colon and list separator to compose with in Chinese', () => {
    expect(`87%${translate('zh-CN', 'common.parenthetical', { text: '进行中' })}`).toBe('87%（进行中）');
    expect(`87%${translate('en', 'common.parenthetical', { text: 'in progress' })}`).toBe(
      '87% (in progress)',
    );
    expect(`缺少 2 个字段${translate('zh-CN', 'common.colon')}退出方式`).toBe('缺少 2 个字段：退出方式');
    expect(['甲', '乙'].join(translate('zh-CN', 'common.listSeparator'))).toBe('甲、乙');
    expect(['a', 'b'].join(translate('en', 'common.listSeparator'))).toBe('a, b');
  });
});
