import { describe, expect, it } from 'vitest';
import { isCrossSiteRequest } from '../src/csrf.ts';

const req = (method: string, headers: Record<string, string>) =>
  new Request('http://localhost:3000/account', { method, headers: { host: 'localhost:3000', ...headers } });

describe('cross-site request check', () => {
  it('lets reads through whatever their origin', () => {
    expect(isCrossSiteRequest(req('GET', { 'sec-fetch-site': 'cross-site' }))).toBe(false);
  });
  it('refuses a cross-site POST by Sec-Fetch-Site or by Origin', () => {
    expect(isCrossSiteRequest(req('POST', { 'sec-fetch-site': 'cross-site' }))).toBe(true);
    expect(isCrossSiteRequest(req('POST', { 'sec-fetch-site': 'same-site' }))).toBe(true);
    expect(isCrossSiteRequest(req('POST', { origin: 'https://evil.example' }))).toBe(true);
    expect(isCrossSiteRequest(req('DELETE', { origin: 'null' }))).toBe(true);
  });
  it('accepts same-origin browser posts and non-browser clients', () => {
    expect(isCrossSiteRequest(req('POST', { 'sec-fetch-site': 'same-origin' }))).toBe(false);
    expect(isCrossSiteRequest(req('POST', { origin: 'http://localhost:3000' }))).toBe(false);
    expect(isCrossSiteRequest(req('POST', {}))).toBe(false);
  });
});
