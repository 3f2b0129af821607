// Every region AWS has comes with a default VPC, made the first time a request names the region (IDs
// from a generator seeded by the region's name, so they are the same on every machine and after a
// reset, and the world's own generator is left alone). A region AWS does not have is refused.
import type { Dialect } from './protocol';
import { PracticeError } from './errors';
import { availabilityZones, isKnownRegion } from './geography';
import { emptyRegion } from './records';
import { addDefaultVpc } from '../seed/startingState';
import { World, WORLD_FORMAT } from './world';

function regionSeed(region: string): number {
  let hash = 0x811c9dc5; // FNV-1a
  for (const char of `practice-account/default-vpc/${region}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash >>> 0;
}

/** Gives a known region its default VPC the first time it is used (a region already in the state is left as it is). */
export function ensureRegion(world: World, region: string): void {
  if (!isKnownRegion(region) || world.state.regions[region]) return;
  const ids = new World({ format: WORLD_FORMAT, rng: regionSeed(region), regions: {} });
  const records = emptyRegion();
  // AWS's default subnets: consecutive /20s of 172.31.0.0/16, one per AZ.
  const cidrs = availabilityZones(region).map((zone, i): [string, string] => [
    zone.name.slice(region.length),
    `172.31.${i * 16}.0/20`,
  ]);
  addDefaultVpc(ids, region, records, cidrs);
  world.state.regions[region] = records;
  world.changed();
}

/**
 * A request signed for a region AWS does not have. On AWS the SDK would not even connect (the endpoint
 * name does not resolve); the practice account serves every region on one URL, so it answers what AWS
 * answers a request whose credential scope names a region that does not exist: the signature's region
 * is refused (EC2: AuthFailure 401; the awsQuery services: SignatureDoesNotMatch 403).
 */
export function unknownRegionError(region: string, dialect: Dialect): PracticeError {
  const message = `Credential should be scoped to a valid region, not '${region}'.`;
  return dialect === 'ec2'
    ? new PracticeError('AuthFailure', message, 401)
    : new PracticeError('SignatureDoesNotMatch', message, 403);
}
