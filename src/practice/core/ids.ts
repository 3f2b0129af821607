// IDs AWS derives from others (association IDs, resource IDs of a DB) that the state need not store:
// a hash keeps them stable for the same resource.
import { createHash } from 'node:crypto';

export function derivedHex(length: number, ...parts: string[]): string {
  return createHash('sha256').update(parts.join('/')).digest('hex').slice(0, length);
}

/** e.g. derivedId('rtbassoc', rtbId) -> "rtbassoc-0123456789abcdef0". */
export function derivedId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${derivedHex(17, prefix, ...parts)}`;
}

/** Upper-case letters and digits, as in RDS's `db-ABC...` resource IDs and endpoint hashes. */
export function derivedAlphanumeric(length: number, ...parts: string[]): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = createHash('sha256').update(parts.join('/')).digest();
  let out = '';
  for (let i = 0; out.length < length; i++) out += alphabet[(bytes[i % bytes.length] ?? 0) % alphabet.length];
  return out;
}
