/**
 * Bearer JWT verification for `jwt:` groups (go-zero's default: HS256 with the `AccessSecret` of the
 * named config section). Dependency-free: node:crypto HMAC and a constant-time comparison.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpError } from './errors.ts';

export type Claims = Readonly<Record<string, unknown>>;

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

/** Signs `claims` (HS256). `expiresInSeconds` sets `exp` (and `iat`). For tests and token endpoints. */
export function signToken(claims: Record<string, unknown>, secret: string, expiresInSeconds?: number): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = expiresInSeconds === undefined ? claims : { ...claims, iat: now, exp: now + expiresInSeconds };
  const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

/** The claims of a valid, unexpired HS256 token; throws a 401 HttpError otherwise. */
export function verifyToken(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): Claims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new HttpError(401, 'malformed token');
  const [head, body, signature] = parts as [string, string, string];
  let header: { alg?: unknown };
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new HttpError(401, 'malformed token');
  }
  if (header.alg !== 'HS256') throw new HttpError(401, 'unsupported token algorithm');
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpError(401, 'invalid token signature');
  if (typeof claims.exp === 'number' && claims.exp <= nowSeconds) throw new HttpError(401, 'token expired');
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) throw new HttpError(401, 'token not valid yet');
  return claims;
}

/** The token of an `Authorization: Bearer …` header; throws a 401 HttpError when there is none. */
export function bearerToken(authorization: string | string[] | undefined): string {
  const value = Array.isArray(authorization) ? authorization[0] : authorization;
  const m = value === undefined ? null : /^Bearer\s+(\S+)$/i.exec(value.trim());
  if (!m) throw new HttpError(401, 'missing bearer token');
  return m[1] as string;
}
