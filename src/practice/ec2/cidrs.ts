// IPv4 CIDR blocks as EC2's VPC writes check them: the syntax, the prefix range AWS allows (/16 to /28)
// and whether two blocks overlap.
import { parseCidr } from '../core/addressing';
import { invalidValue } from './writeCommon';

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** The block, or InvalidParameterValue as AWS answers a block that is not one (or not on its boundary). */
export function validCidr(cidr: string, parameter: string): { base: number; prefix: number; size: number } {
  const match = CIDR.exec(cidr);
  const octetsOk = match?.slice(1, 5).every((o) => Number(o) <= 255) ?? false;
  const parsed = parseCidr(cidr);
  const prefixOk = match !== null && Number(match[5]) <= 32;
  const aligned = octetsOk && prefixOk && parseCidr(cidr.replace(/\/.*/, '/32')).base === parsed.base;
  if (!aligned)
    throw invalidValue(`Value (${cidr}) for parameter ${parameter} is invalid. This is not a valid CIDR block.`);
  return parsed;
}

/** AWS's VPC and subnet sizes: a netmask from /16 to /28. */
export function allowedPrefix(prefix: number): boolean {
  return prefix >= 16 && prefix <= 28;
}

export function overlaps(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x.base < y.base + y.size && y.base < x.base + x.size;
}

export function within(inner: string, outer: string): boolean {
  const i = parseCidr(inner);
  const o = parseCidr(outer);
  return i.base >= o.base && i.base + i.size <= o.base + o.size;
}
