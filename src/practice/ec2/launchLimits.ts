// How many instances one RunInstances may launch: AWS launches up to MaxCount and at least MinCount,
// or nothing at all. Two limits bind in the practice account: the account's vCPU quota for On-Demand
// Standard instances (A, C, D, H, I, M, R, T, Z: every type it offers) and the subnet's free addresses.
import { PracticeError } from '../core/errors';
import type { InstanceTypeFacts } from './instanceTypes';
import { INSTANCE_TYPES } from './instanceTypes';
import type { InstanceRecord, RegionState, SubnetRecord } from '../core/records';
import { parseCidr } from '../core/addressing';

/** "Running On-Demand Standard instances": 32 vCPUs, the default quota of a new AWS account. */
export const STANDARD_VCPU_LIMIT = 32;
/** States whose instances count against the quota (a stopped or terminated instance does not). */
const COUNTED: ReadonlySet<InstanceRecord['state']> = new Set(['pending', 'running', 'stopping', 'shutting-down']);

function vcpusOf(typeName: string): number {
  return INSTANCE_TYPES.find((t) => t.name === typeName)?.vcpus ?? 1;
}

/** vCPUs the region's instances hold now. */
export function standardVcpusInUse(records: RegionState): number {
  let total = 0;
  for (const i of records.instances) if (COUNTED.has(i.state)) total += vcpusOf(i.type);
  return total;
}

/**
 * The number to launch (MaxCount, or fewer down to MinCount); throws AWS's error when not even MinCount
 * fit, before anything is made. `used` holds the subnet's addresses in use.
 */
export function launchCount(
  records: RegionState,
  type: InstanceTypeFacts,
  counts: { min: number; max: number },
  subnet: SubnetRecord,
  used: ReadonlySet<string>,
): number {
  const byVcpus = Math.floor(Math.max(0, STANDARD_VCPU_LIMIT - standardVcpusInUse(records)) / type.vcpus);
  if (byVcpus < counts.min)
    throw new PracticeError(
      'VcpuLimitExceeded',
      `You have requested more vCPU capacity than your current vCPU limit of ${STANDARD_VCPU_LIMIT} allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.`,
    );
  // AWS reserves the first four addresses and the last one of every subnet.
  const byAddresses = parseCidr(subnet.cidr).size - 5 - used.size;
  if (byAddresses < counts.min)
    throw new PracticeError(
      'InsufficientFreeAddressesInSubnet',
      `There are not enough free addresses in subnet '${subnet.id}' to satisfy the requested number of instances.`,
    );
  return Math.min(counts.max, byVcpus, byAddresses);
}
