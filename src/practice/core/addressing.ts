// IPv4 arithmetic for subnets, and the addresses AWS hands out: private IPs inside a subnet
// (AWS reserves the first four and the last address), public IPs from AWS's Tokyo ranges, MACs.
import type { World } from './world';

export function ipToNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

export function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

export function parseCidr(cidr: string): { base: number; prefix: number; size: number } {
  const [ip = '', bits = ''] = cidr.split('/');
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  return { base: ipToNumber(ip) - (ipToNumber(ip) % size), prefix, size };
}

export function cidrContains(cidr: string, ip: string): boolean {
  const { base, size } = parseCidr(cidr);
  const n = ipToNumber(ip);
  return n >= base && n < base + size;
}

/** Usable addresses in a subnet: its size less AWS's five reserved ones. */
export function usableAddressCount(cidr: string): number {
  return Math.max(0, parseCidr(cidr).size - 5);
}

/** A free private IP in the subnet, chosen at random as AWS does. */
export function allocatePrivateIp(world: World, cidr: string, used: ReadonlySet<string>): string {
  const { base, size } = parseCidr(cidr);
  const first = base + 4;
  const count = size - 5;
  if (used.size >= count) throw new Error(`subnet ${cidr} is full`);
  for (;;) {
    const ip = numberToIp(first + (world.nextRandom() % count));
    if (!used.has(ip)) return ip;
  }
}

/** Blocks AWS announces for EC2 public IPv4 in ap-northeast-1 (a few of them). */
const PUBLIC_BLOCKS = ['13.112.0.0/14', '18.176.0.0/15', '35.72.0.0/13', '52.192.0.0/15', '54.64.0.0/15'];

export function allocatePublicIp(world: World, used: ReadonlySet<string>): string {
  for (;;) {
    const block = parseCidr(PUBLIC_BLOCKS[world.nextRandom() % PUBLIC_BLOCKS.length] ?? '13.112.0.0/14');
    const ip = numberToIp(block.base + 1 + (world.nextRandom() % (block.size - 2)));
    if (!used.has(ip) && !ip.endsWith('.0') && !ip.endsWith('.255')) return ip;
  }
}

/** A locally administered MAC as EC2 assigns them (06:xx:...). */
export function macAddress(world: World): string {
  const hex = world.hex(10);
  return ['06', ...(hex.match(/../g) ?? [])].join(':');
}
