// IPv4 CIDR arithmetic for the network steps: does a block hold another, do two overlap (AWS refuses both).
/** [first address, last address] of an IPv4 CIDR as unsigned 32-bit numbers; undefined when malformed. */
export function cidrRange(cidr: string): [number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (bits > 32 || octets.some((o) => o > 255)) return undefined;
  const address = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const first = address - (address % size);
  return [first, first + size - 1];
}

export function cidrContains(outer: string, inner: string): boolean {
  const a = cidrRange(outer);
  const b = cidrRange(inner);
  return a !== undefined && b !== undefined && a[0] <= b[0] && b[1] <= a[1];
}

export function cidrsOverlap(x: string, y: string): boolean {
  const a = cidrRange(x);
  const b = cidrRange(y);
  return a !== undefined && b !== undefined && a[0] <= b[1] && b[0] <= a[1];
}
