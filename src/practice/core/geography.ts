// Regions and Availability Zones as AWS names them. Every commercial region AWS has is known, with the
// AZ letters an account sees there; a request signed for any other name is refused (server.ts).

export interface ZoneInfo {
  name: string;
  /** AWS's account-independent zone ID, e.g. apne1-az4. */
  zoneId: string;
}

/** AWS's commercial regions (2025) and the letters of their AZs. Opt-in regions count as opted in. */
const REGION_ZONES: Record<string, string> = {
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  'us-west-1': 'ac',
  'us-west-2': 'abcd',
  'af-south-1': 'abc',
  'ap-east-1': 'abc',
  'ap-east-2': 'abc',
  'ap-south-1': 'abc',
  'ap-south-2': 'abc',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'ap-southeast-3': 'abc',
  'ap-southeast-4': 'abc',
  'ap-southeast-5': 'abc',
  'ap-southeast-7': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abcd',
  'ap-northeast-3': 'abc',
  'ca-central-1': 'abd',
  'ca-west-1': 'abc',
  'eu-central-1': 'abc',
  'eu-central-2': 'abc',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-south-1': 'abc',
  'eu-south-2': 'abc',
  'eu-north-1': 'abc',
  'il-central-1': 'abc',
  'me-south-1': 'abc',
  'me-central-1': 'abc',
  'mx-central-1': 'abc',
  'sa-east-1': 'abc',
};

/** Regions a new account must opt in to (DescribeRegions' OptInStatus). */
const OPT_IN_REGIONS = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
]);

/** Zone-ID numbers per letter where AWS's mapping is well known; elsewhere the letter's place (a=1). */
const ZONE_NUMBERS: Record<string, number[]> = {
  'ap-northeast-1': [4, 1, 2],
};

export function isKnownRegion(region: string): boolean {
  return Object.hasOwn(REGION_ZONES, region);
}

export function knownRegions(): string[] {
  return Object.keys(REGION_ZONES);
}

export function needsOptIn(region: string): boolean {
  return OPT_IN_REGIONS.has(region);
}

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

/** The region's AZs (none for a region AWS does not have). */
export function availabilityZones(region: string): ZoneInfo[] {
  const letters = REGION_ZONES[region] ?? '';
  const numbers = ZONE_NUMBERS[region];
  const abbreviation = regionAbbreviation(region);
  return [...letters].map((letter, i) => ({
    name: region + letter,
    zoneId: `${abbreviation}-az${numbers?.[i] ?? letter.charCodeAt(0) - 96}`,
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
