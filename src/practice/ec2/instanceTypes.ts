// The instance types the practice account offers (the ones a lab meets), and DescribeInstanceTypes
// with its `free-tier-eligible` filter. Free tier: t2.micro where the region has T2, t3.micro in the
// regions launched without T2 (AWS's rule before its July 2025 free plan).
import {
  DescribeInstanceTypes$,
  type DescribeInstanceTypesRequest,
  type DescribeInstanceTypesResult,
  type InstanceTypeInfo,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition } from '../core/actions';
import { ec2Pager } from './common';
import { applyFilters, type FilterFields } from './filters';
import { PracticeError } from '../core/errors';

export interface InstanceTypeFacts {
  name: string;
  vcpus: number;
  cores: number;
  memoryMiB: number;
  architecture: 'x86_64' | 'arm64';
  network: string;
  burstable: boolean;
  /** Needs an AMI with ENA support (Nitro types). */
  enaRequired: boolean;
  clockGhz: number;
}

const t = (
  name: string,
  vcpus: number,
  cores: number,
  memoryMiB: number,
  more: Partial<InstanceTypeFacts> = {},
): InstanceTypeFacts => ({
  name,
  vcpus,
  cores,
  memoryMiB,
  architecture: 'x86_64',
  network: 'Up to 5 Gigabit',
  burstable: true,
  enaRequired: true,
  clockGhz: 2.5,
  ...more,
});

const T2 = { network: 'Low to Moderate', enaRequired: false, clockGhz: 2.4 };
const ARM = { architecture: 'arm64' as const, clockGhz: 2.5 };

export const INSTANCE_TYPES: readonly InstanceTypeFacts[] = [
  t('t2.nano', 1, 1, 512, T2),
  t('t2.micro', 1, 1, 1024, T2),
  t('t2.small', 1, 1, 2048, T2),
  t('t2.medium', 2, 2, 4096, T2),
  t('t3.nano', 2, 1, 512),
  t('t3.micro', 2, 1, 1024),
  t('t3.small', 2, 1, 2048),
  t('t3.medium', 2, 1, 4096),
  t('t4g.micro', 2, 2, 1024, ARM),
  t('t4g.small', 2, 2, 2048, ARM),
  t('m5.large', 2, 1, 8192, { burstable: false, network: 'Up to 10 Gigabit', clockGhz: 3.1 }),
  t('c5.large', 2, 1, 4096, { burstable: false, network: 'Up to 10 Gigabit', clockGhz: 3.4 }),
];

/** Regions that opened without T2: t3.micro is their free-tier type and T2 is not offered. */
const REGIONS_WITHOUT_T2 = new Set([
  'eu-north-1',
  'me-south-1',
  'ap-east-1',
  'af-south-1',
  'eu-south-1',
  'ap-southeast-3',
  'me-central-1',
]);

export function offeredIn(region: string, type: InstanceTypeFacts): boolean {
  return !(type.name.startsWith('t2.') && REGIONS_WITHOUT_T2.has(region));
}

export function freeTierEligible(region: string, typeName: string): boolean {
  return typeName === (REGIONS_WITHOUT_T2.has(region) ? 't3.micro' : 't2.micro');
}

export function instanceTypeFacts(region: string, name: string): InstanceTypeFacts | undefined {
  const facts = INSTANCE_TYPES.find((type) => type.name === name);
  return facts && offeredIn(region, facts) ? facts : undefined;
}

function describe(region: string, type: InstanceTypeFacts): InstanceTypeInfo {
  return {
    InstanceType: type.name as _InstanceType,
    CurrentGeneration: true,
    FreeTierEligible: freeTierEligible(region, type.name),
    SupportedUsageClasses: ['on-demand', 'spot'],
    SupportedRootDeviceTypes: ['ebs'],
    SupportedVirtualizationTypes: ['hvm'],
    BareMetal: false,
    Hypervisor: type.enaRequired ? 'nitro' : 'xen',
    ProcessorInfo: { SupportedArchitectures: [type.architecture], SustainedClockSpeedInGhz: type.clockGhz },
    VCpuInfo: { DefaultVCpus: type.vcpus, DefaultCores: type.cores, DefaultThreadsPerCore: type.vcpus / type.cores },
    MemoryInfo: { SizeInMiB: type.memoryMiB },
    InstanceStorageSupported: false,
    EbsInfo: {
      EbsOptimizedSupport: type.enaRequired ? 'default' : 'unsupported',
      EncryptionSupport: 'supported',
      NvmeSupport: type.enaRequired ? 'required' : 'unsupported',
    },
    NetworkInfo: {
      NetworkPerformance: type.network,
      MaximumNetworkInterfaces: type.vcpus > 1 ? 3 : 2,
      Ipv4AddressesPerInterface: type.vcpus > 1 ? 6 : 2,
      Ipv6AddressesPerInterface: type.vcpus > 1 ? 6 : 2,
      Ipv6Supported: true,
      EnaSupport: type.enaRequired ? 'required' : 'unsupported',
    },
    PlacementGroupInfo: { SupportedStrategies: ['partition', 'spread'] },
    HibernationSupported: true,
    BurstablePerformanceSupported: type.burstable,
    DedicatedHostsSupported: false,
    AutoRecoverySupported: true,
    SupportedBootModes: ['legacy-bios', 'uefi'],
  };
}

function typeFields(region: string): FilterFields<InstanceTypeFacts> {
  return {
    'instance-type': (type) => type.name,
    'free-tier-eligible': (type) => freeTierEligible(region, type.name),
    'current-generation': () => true,
    'burstable-performance-supported': (type) => type.burstable,
    'bare-metal': () => false,
    hypervisor: (type) => (type.enaRequired ? 'nitro' : 'xen'),
    'processor-info.supported-architecture': (type) => type.architecture,
    'vcpu-info.default-vcpus': (type) => type.vcpus,
    'memory-info.size-in-mib': (type) => type.memoryMiB,
    'network-info.ena-support': (type) => (type.enaRequired ? 'required' : 'unsupported'),
    'supported-usage-class': () => ['on-demand', 'spot'],
    'supported-virtualization-type': () => 'hvm',
  };
}

const describeInstanceTypes = action<DescribeInstanceTypesRequest, DescribeInstanceTypesResult>(
  DescribeInstanceTypes$,
  (input, context) => {
    const pager = ec2Pager(
      input,
      { parameter: 'instanceTypes', values: input.InstanceTypes },
      'instance-types',
      5,
      100,
    );
    let offered = INSTANCE_TYPES.filter((type) => offeredIn(context.region, type));
    if (input.InstanceTypes?.length) {
      const unknown = input.InstanceTypes.filter((name) => !offered.some((type) => type.name === name));
      if (unknown.length)
        throw new PracticeError(
          'InvalidInstanceType',
          `The following supplied instance types do not exist: [${unknown.join(', ')}]`,
        );
      offered = offered.filter((type) => input.InstanceTypes?.includes(type.name as _InstanceType));
    }
    const page = pager(applyFilters(offered, input.Filters, typeFields(context.region), () => ({})));
    return { InstanceTypes: page.items.map((type) => describe(context.region, type)), NextToken: page.next };
  },
);

export const ec2InstanceTypeActions: Record<string, ActionDefinition> = {
  DescribeInstanceTypes: describeInstanceTypes,
};
