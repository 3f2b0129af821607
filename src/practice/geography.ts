// Regions and Availability Zones as AWS names them, for any region a request is signed for.
// Only ap-northeast-1 is seeded; any other region reads as an empty region with plausible AZs.

export interface ZoneInfo {
  name: string;
  /** AWS's account-independent zone ID, e.g. apne1-az4. */
  zoneId: string;
}

/** Letters of the AZs AWS offers today in regions the lab is likely to use; others get a, b, c. */
const ZONE_LETTERS: Record<string, string> = {
  'ap-northeast-1': 'acd',
  'ap-northeast-3': 'abc',
  'us-east-1': 'abcdef',
  'us-west-1': 'ac',
};

/** Zone-ID numbers per letter where AWS's mapping is well known. */
const ZONE_NUMBERS: Record<string, number[]> = {
  'ap-northeast-1': [4, 1, 2],
};

/** "ap-northeast-1" -> "apne1", "us-east-1" -> "use1", "eu-central-1" -> "euc1". */
export function regionAbbreviation(region: string): string {
  const parts = region.split('-');
  const area = parts[0] ?? region;
  const number = parts[parts.length - 1] ?? '';
  const directions = parts.slice(1, -1).join('');
  const letters = directions
    .replace(/north/g, 'n')
    .replace(/south/g, 's')
    .replace(/east/g, 'e')
    .replace(/west/g, 'w')
    .replace(/central/g, 'c');
  return `${area}${letters}${number}`;
}

export function availabilityZones(region: string): ZoneInfo[] {
  const letters = ZONE_LETTERS[region] ?? 'abc';
  const numbers = ZONE_NUMBERS[region];
  const abbreviation = regionAbbreviation(region);
  return [...letters].map((letter, i) => ({
    name: region + letter,
    zoneId: `${abbreviation}-az${numbers?.[i] ?? i + 1}`,
  }));
}

/** The suffix of EC2's host names: `ap-northeast-1.compute` (us-east-1 is plain `compute-1`). */
export function publicDnsName(region: string, ip: string): string {
  const host = `ec2-${ip.replace(/\./g, '-')}`;
  return region === 'us-east-1' ? `${host}.compute-1.amazonaws.com` : `${host}.${region}.compute.amazonaws.com`;
}

export function privateDnsName(region: string, ip: string): string {
  const host = `ip-${ip.replace(/\./g, '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}
