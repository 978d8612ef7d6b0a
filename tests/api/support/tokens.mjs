// Builds JWTs by hand, to present the server with expired, forged and confused tokens.
import { createHmac } from 'node:crypto';
import { JWT_SECRET } from './server.mjs';

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export function forgeToken({ header = {}, claims = {}, secret = JWT_SECRET, signature } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const h = { alg: 'HS256', typ: 'at+jwt', ...header };
  const c = { iss: 'commandcenter', aud: 'commandcenter-api', sub: '1', sid: 'none', iat: now, nbf: now, exp: now + 600, ...claims };
  const input = `${b64(h)}.${b64(c)}`;
  const sig = signature ?? createHmac('sha256', secret).update(input).digest('base64url');
  return `${input}.${sig}`;
}

export function decodeClaims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}
