import { describe, expect, test } from 'vitest';
import { localeCookie, resolveLocale } from '../app/lib/locale.server';

const request = (headers: Record<string, string>) => new Request('http://localhost/p', { headers });

describe('resolveLocale', () => {
  test('the language cookie wins over the saved preference and the browser', () => {
    expect(resolveLocale(request({ cookie: 'outpost_lang=en', 'accept-language': 'zh-CN' }), 'zh-CN')).toBe(
      'en',
    );
  });

  test('then the signed-in person’s saved preference', () => {
    expect(resolveLocale(request({ 'accept-language': 'zh-CN,zh;q=0.9' }), 'en')).toBe('en');
  });

  test('then Accept-Language, and Chinese when nothing is known', () => {
    expect(resolveLocale(request({ 'accept-language': 'en-GB,en;q=0.8' }))).toBe('en');
    expect(resolveLocale(request({}))).toBe('zh-CN');
  });

  test('ignores a cookie holding an unsupported language', () => {
    expect(resolveLocale(request({ cookie: 'outpost_lang=fr' }), 'en')).toBe('en');
  });

  test('the cookie lasts a year and is Secure except on plain-http localhost', () => {
    expect(localeCookie('en', 'https://outpost.example.com/lang')).toMatch(
      /^outpost_lang=en; Path=\/; SameSite=Lax; HttpOnly; Secure; Max-Age=31536000$/,
    );
    expect(localeCookie('en', 'http://localhost:3000/lang')).not.toContain('Secure');
  });
});
