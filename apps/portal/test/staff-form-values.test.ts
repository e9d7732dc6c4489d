import { describe, expect, test } from 'vitest';
import { formatBytes, formatDay } from '@outpost/i18n';
import { checkedValues, isChecked, numberValue, splitNames } from '../app/lib/staff/form-values';
import { formatPercent, formatRatio, parseRatio } from '../app/lib/staff/ratio';
import { formOf } from './staff-support';

describe('reading staff forms', () => {
  test('inspectors may be one per line or separated by Latin or Chinese commas', () => {
    expect(splitNames('王检查, 李核实\n赵现场，钱审计、孙复核\n\n  ')).toEqual([
      '王检查',
      '李核实',
      '赵现场',
      '钱审计',
      '孙复核',
    ]);
    expect(splitNames('  ')).toEqual([]);
  });

  test('numbers: blank is undefined, garbage is NaN (core then refuses the field), a decimal comma is accepted', () => {
    const form = formOf({ blank: ' ', score: '87', bad: '八十', comma: '0,5' });
    expect(numberValue(form, 'blank')).toBeUndefined();
    expect(numberValue(form, 'missing')).toBeUndefined();
    expect(numberValue(form, 'score')).toBe(87);
    expect(numberValue(form, 'bad')).toBeNaN();
    expect(numberValue(form, 'comma')).toBe(0.5);
  });

  test('checkboxes: every ticked value of a group, and presence for a single box', () => {
    const form = formOf({ serviceCategories: ['it', 'claims'], expires: 'on' });
    expect(checkedValues(form, 'serviceCategories')).toEqual(['it', 'claims']);
    expect(checkedValues(form, 'none')).toEqual([]);
    expect(isChecked(form, 'expires')).toBe(true);
    expect(isChecked(form, 'mandatory')).toBe(false);
  });
});

describe('committee ratios', () => {
  test('fractions stay exact, so "2/3" means two votes of three', () => {
    expect(parseRatio('2/3')).toBe(2 / 3);
    expect(parseRatio(' 1 / 2 ')).toBe(0.5);
    expect(parseRatio('0.6')).toBe(0.6);
    expect(parseRatio('60%')).toBe(0.6);
    expect(parseRatio('60％')).toBe(0.6);
    expect(parseRatio('1/0')).toBeNaN();
    expect(parseRatio('two thirds')).toBeNaN();
    expect(parseRatio('')).toBeNaN();
  });

  test('simple fractions are shown as fractions, others as decimals', () => {
    expect(formatRatio(2 / 3)).toBe('2/3');
    expect(formatRatio(0.5)).toBe('1/2');
    expect(formatRatio(1)).toBe('1');
    expect(formatRatio(0.123)).toBe('0.123');
    expect(formatPercent(2 / 3)).toBe('66.7%');
  });
});

describe('display formats', () => {
  test('a calendar date never shifts by a day and reads in the person’s language', () => {
    expect(formatDay('en', '2026-03-01')).toBe('Mar 1, 2026');
    expect(formatDay('zh-CN', '2026-03-01')).toBe('2026年3月1日');
    expect(formatDay('en', null)).toBeNull();
  });

  test('file sizes', () => {
    expect(formatBytes('en', 512)).toBe('512 B');
    expect(formatBytes('en', 1536)).toBe('1.5 KB');
    expect(formatBytes('en', 25 * 1024 * 1024)).toBe('25 MB');
  });
});
