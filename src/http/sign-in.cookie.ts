// The console's sign-in cookie: httpOnly (scripts cannot read it), SameSite=Strict (no other
// site's page sends it), Secure when the product is reached over HTTPS, for the whole origin.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SIGN_IN_COOKIE } from '../modules/identity/index.ts';
import { serializeCookie } from './cookies.ts';

function isSecure(request: FastifyRequest, httpsOnly: boolean): boolean {
  return httpsOnly || request.protocol === 'https';
}

/** Sets the cookie of a sign-in that has just started and lasts `lifetimeMs` at most. */
export function setSignInCookie(request: FastifyRequest, reply: FastifyReply, value: string, lifetimeMs: number, httpsOnly: boolean): void {
  const maxAgeSeconds = Math.max(1, Math.floor(lifetimeMs / 1000));
  reply.header('set-cookie', serializeCookie(SIGN_IN_COOKIE, value, { maxAgeSeconds, secure: isSecure(request, httpsOnly), sameSite: 'Strict', httpOnly: true }));
}

export function clearSignInCookie(request: FastifyRequest, reply: FastifyReply, httpsOnly: boolean): void {
  reply.header('set-cookie', serializeCookie(SIGN_IN_COOKIE, '', { maxAgeSeconds: 0, secure: isSecure(request, httpsOnly), sameSite: 'Strict', httpOnly: true }));
}
