import { describe, expect, it } from 'vitest';
import { clientAddress } from '../src/client-address.ts';
import { isCrossSiteRequest } from '../src/csrf.ts';
import { configureAuth } from '../src/settings.ts';

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

describe('cross-site check quirks (issue 10, finding 12)', () => {
  it('a same-origin Sec-Fetch-Site does not excuse a foreign Origin', () => {
    expect(
      isCrossSiteRequest(req('POST', { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' })),
    ).toBe(true);
  });
  it('an https Origin of our host is another origin on an http site', () => {
    expect(isCrossSiteRequest(req('POST', { origin: 'https://localhost:3000' }))).toBe(true);
  });
  it('trusts X-Forwarded-Host and -Proto only behind a configured proxy', () => {
    const forwarded = {
      origin: 'https://evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    };
    expect(isCrossSiteRequest(req('POST', forwarded))).toBe(true);
    configureAuth({ trustProxyHops: 1 });
    try {
      expect(isCrossSiteRequest(req('POST', forwarded))).toBe(false);
      // Behind the proxy, our public origin is https: an http Origin is foreign.
      expect(
        isCrossSiteRequest(
          req('POST', {
            origin: 'http://outpost.example',
            'x-forwarded-host': 'outpost.example',
            'x-forwarded-proto': 'https',
          }),
        ),
      ).toBe(true);
    } finally {
      configureAuth({ trustProxyHops: 0 });
    }
  });
});

describe('client address', () => {
  it('is the socket address unless a proxy is trusted', () => {
    expect(clientAddress('6.6.6.6', '10.0.0.1', 0)).toBe('10.0.0.1');
  });
  it('behind proxies, is the rightmost hop no trusted proxy wrote (never the client-set leftmost)', () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; our one proxy appended the address it saw.
    expect(clientAddress('6.6.6.6, 198.51.100.7', '10.0.0.1', 1)).toBe('198.51.100.7');
    // Two proxies: the second appended the first's address.
    expect(clientAddress('6.6.6.6, 198.51.100.7, 10.0.0.9', '10.0.0.1', 2)).toBe('198.51.100.7');
    expect(clientAddress(null, '10.0.0.1', 1)).toBe('10.0.0.1');
  });
});
