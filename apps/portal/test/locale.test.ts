import { describe, expect, test } from 'vitest';
import { localeCookie, resolveLocale } from '../app/lib/locale.server';

const request = (headers: Record<string, string>) => new Request('http://localhost/p', { headers });

describe('resolveLocale', () => {
  test('the language cookie (the visible switch) wins over the browser', () => {
    expect(resolveLocale(request({ cookie: 'outpost_lang=en', 'accept-language': 'zh-CN' }))).toBe('en');
    expect(resolveLocale(request({ cookie: 'outpost_lang=zh-CN', 'accept-language': 'en-US' }))).toBe(
      'zh-CN',
    );
  });

  test('then Accept-Language (zh* → zh-CN, en* → en), and Chinese when nothing is known', () => {
    expect(resolveLocale(request({ 'accept-language': 'en-GB,en;q=0.8' }))).toBe('en');
    expect(resolveLocale(request({ 'accept-language': 'zh-TW' }))).toBe('zh-CN');
    expect(resolveLocale(request({ 'accept-language': 'fr-FR,en;q=0.5' }))).toBe('en');
    expect(resolveLocale(request({ 'accept-language': 'fr-FR' }))).toBe('zh-CN');
    expect(resolveLocale(request({}))).toBe('zh-CN');
  });

  test('ignores a cookie holding an unsupported language', () => {
    expect(resolveLocale(request({ cookie: 'outpost_lang=fr', 'accept-language': 'en' }))).toBe('en');
    expect(resolveLocale(request({ cookie: 'outpost_lang=fr' }))).toBe('zh-CN');
  });

  test('the cookie lasts a year and is Secure except on plain-http localhost', () => {
    expect(localeCookie('en', 'https://outpost.example.com/lang')).toMatch(
      /^outpost_lang=en; Path=\/; SameSite=Lax; HttpOnly; Secure; Max-Age=31536000$/,
    );
    expect(localeCookie('en', 'http://localhost:3000/lang')).not.toContain('Secure');
  });
});
