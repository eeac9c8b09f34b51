import { describe, expect, it } from 'vitest';
import { readCookie, serializeCookie } from './cookies.ts';

describe('cookies', () => {
  it('reads one cookie among several, exactly by name', () => {
    const header = 'theme=dark; afterdesk_sign_in=abc-DEF_123; other_afterdesk_sign_in=x';
    expect(readCookie(header, 'afterdesk_sign_in')).toBe('abc-DEF_123');
    expect(readCookie(header, 'theme')).toBe('dark');
    expect(readCookie(header, 'sign_in')).toBeNull();
    expect(readCookie('a="quoted"', 'a')).toBe('quoted');
    expect(readCookie(undefined, 'a')).toBeNull();
    expect(readCookie('novalue; a=1', 'a')).toBe('1');
  });

  it('writes the attributes asked for, and a deletion', () => {
    expect(serializeCookie('s', 'v1', { maxAgeSeconds: 3600, secure: true, sameSite: 'Strict', httpOnly: true })).toBe(
      's=v1; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Strict',
    );
    const gone = serializeCookie('s', '', { maxAgeSeconds: 0, secure: false, sameSite: 'Lax', httpOnly: true });
    expect(gone).toContain('Max-Age=0');
    expect(gone).toContain('Expires=Thu, 01 Jan 1970');
    expect(gone).not.toContain('Secure');
  });

  it('refuses names and values that would break the header', () => {
    expect(() => serializeCookie('a b', 'v', { maxAgeSeconds: 1, secure: false, sameSite: 'Lax', httpOnly: true })).toThrow();
    expect(() => serializeCookie('a', 'v;Domain=evil', { maxAgeSeconds: 1, secure: false, sameSite: 'Lax', httpOnly: true })).toThrow();
  });
});
