// EC2 writes the lab needs, each safe to repeat: find what exists first, create with tags at creation
// (TagSpecifications), treat "already exists" as done.
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  DeleteKeyPairCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  paginateDescribeInstanceTypes,
  type IpPermission,
  type ResourceType,
  type TagSpecification,
} from '@aws-sdk/client-ec2';
import { call, notRepeatedUnanswered, tagList, type Aws } from './call';

export function tagSpecs(types: readonly ResourceType[], tags: Readonly<Record<string, string>>): TagSpecification[] {
  return types.map((ResourceType) => ({ ResourceType, Tags: tagList(tags) }));
}

/** The newest Amazon Linux 2023 AMI for x86_64, owner amazon, by name (as the console's Quick Start picks it). */
export async function latestAmazonLinux(
  aws: Aws,
): Promise<{ id: string; name: string; rootDeviceName?: string } | undefined> {
  const out = await call(aws, 'ec2:DescribeImages', (o) =>
    aws.clients.ec2.send(
      new DescribeImagesCommand({
        Owners: ['amazon'],
        Filters: [
          { Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] },
          { Name: 'state', Values: ['available'] },
          { Name: 'architecture', Values: ['x86_64'] },
        ],
      }),
      o,
    ),
  );
  const images = (out.Images ?? []).filter((i) => i.ImageId && !(i.Name ?? '').includes('minimal'));
  images.sort(
    (a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? '') || (b.Name ?? '').localeCompare(a.Name ?? ''),
  );
  const best = images[0];
  return best?.ImageId
    ? {
        id: best.ImageId,
        name: best.Name ?? best.ImageId,
        ...(best.RootDeviceName ? { rootDeviceName: best.RootDeviceName } : {}),
      }
    : undefined;
}

/** The region's free-tier instance type: t2.micro where offered, else t3.micro, else the first eligible. */
export async function freeTierInstanceType(aws: Aws): Promise<string> {
  const types: string[] = [];
  await call(aws, 'ec2:DescribeInstanceTypes', async (o) => {
    const pages = paginateDescribeInstanceTypes(
      { client: aws.clients.ec2, pageSize: 100 },
      { Filters: [{ Name: 'free-tier-eligible', Values: ['true'] }] },
      o,
    );
    for await (const page of pages)
      for (const t of page.InstanceTypes ?? []) if (t.InstanceType) types.push(t.InstanceType);
  });
  return ['t2.micro', 't3.micro'].find((t) => types.includes(t)) ?? types.sort()[0] ?? 't2.micro';
}

export interface KeyPairFacts {
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
}

export async function findKeyPair(aws: Aws, name: string): Promise<KeyPairFacts | undefined> {
  const pairs = await call(
    aws,
    'ec2:DescribeKeyPairs',
    async (o) => (await aws.clients.ec2.send(new DescribeKeyPairsCommand({ KeyNames: [name] }), o)).KeyPairs ?? [],
    { 'InvalidKeyPair.NotFound': () => [] },
  );
  const kp = pairs[0];
  if (!kp) return undefined;
  return { name, tags: Object.fromEntries((kp.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])) };
}

/**
 * Creates a key pair and returns its private key (.pem). ED25519 by default: what OpenSSH, the practice
 * account's own ec2-key and our SSH client use, and quick to make; 'rsa' for older SSH clients.
 */
export async function createKeyPair(
  aws: Aws,
  name: string,
  tags: Readonly<Record<string, string>>,
  type: 'ed25519' | 'rsa' = 'ed25519',
): Promise<string> {
  const out = await call(aws, 'ec2:CreateKeyPair', (o) =>
    aws.clients.ec2.send(
      notRepeatedUnanswered(
        new CreateKeyPairCommand({
          KeyName: name,
          KeyType: type,
          KeyFormat: 'pem',
          TagSpecifications: tagSpecs(['key-pair'], tags),
        }),
      ),
      o,
    ),
  );
  return out.KeyMaterial ?? '';
}

export async function deleteKeyPair(aws: Aws, name: string): Promise<void> {
  await call(aws, 'ec2:DeleteKeyPair', (o) => aws.clients.ec2.send(new DeleteKeyPairCommand({ KeyName: name }), o));
}

/** A security group by name in a VPC, created (with its tags) when missing. */
export async function ensureSecurityGroup(
  aws: Aws,
  spec: { name: string; description: string; vpcId: string; tags: Readonly<Record<string, string>> },
): Promise<{ id: string; created: boolean }> {
  const find = async () => {
    const out = await call(aws, 'ec2:DescribeSecurityGroups', (o) =>
      aws.clients.ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [
            { Name: 'group-name', Values: [spec.name] },
            { Name: 'vpc-id', Values: [spec.vpcId] },
          ],
        }),
        o,
      ),
    );
    return out.SecurityGroups?.[0]?.GroupId;
  };
  const existing = await find();
  if (existing) return { id: existing, created: false };
  const createdId = await call(
    aws,
    'ec2:CreateSecurityGroup',
    async (o) =>
      (
        await aws.clients.ec2.send(
          notRepeatedUnanswered(
            new CreateSecurityGroupCommand({
              GroupName: spec.name,
              Description: spec.description,
              VpcId: spec.vpcId,
              TagSpecifications: tagSpecs(['security-group'], spec.tags),
            }),
          ),
          o,
        )
      ).GroupId,
    // Created by a call whose answer was lost between find() and here: look again.
    { 'InvalidGroup.Duplicate': () => undefined },
  );
  if (createdId) return { id: createdId, created: true };
  const again = await find();
  if (!again) throw new Error(`security group ${spec.name} neither found nor created`);
  return { id: again, created: false };
}

/** One inbound source on a TCP port (or all traffic). */
export type IngressSource = { cidr: string } | { cidr6: string } | { groupId: string } | { prefixListId: string };

export function ipPermission(
  protocol: string,
  fromPort: number | undefined,
  toPort: number | undefined,
  source: IngressSource,
): IpPermission {
  const ports = protocol === '-1' ? {} : { FromPort: fromPort, ToPort: toPort };
  return {
    IpProtocol: protocol,
    ...ports,
    ...('cidr' in source ? { IpRanges: [{ CidrIp: source.cidr }] } : {}),
    ...('cidr6' in source ? { Ipv6Ranges: [{ CidrIpv6: source.cidr6 }] } : {}),
    ...('groupId' in source ? { UserIdGroupPairs: [{ GroupId: source.groupId }] } : {}),
    ...('prefixListId' in source ? { PrefixListIds: [{ PrefixListId: source.prefixListId }] } : {}),
  };
}

/** Adds an inbound rule; already there is fine. */
export async function authorizeIngress(aws: Aws, groupId: string, permission: IpPermission): Promise<boolean> {
  return call(
    aws,
    'ec2:AuthorizeSecurityGroupIngress',
    async (o) => {
      await aws.clients.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [permission] }),
        o,
      );
      return true;
    },
    { 'InvalidPermission.Duplicate': () => false },
  );
}

/** Removes an inbound rule; already gone is fine. */
export async function revokeIngress(aws: Aws, groupId: string, permission: IpPermission): Promise<boolean> {
  return call(
    aws,
    'ec2:RevokeSecurityGroupIngress',
    async (o) => {
      const out = await aws.clients.ec2.send(
        new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [permission] }),
        o,
      );
      return (out.UnknownIpPermissions ?? []).length === 0;
    },
    { 'InvalidPermission.NotFound': () => false },
  );
}

/** IDs of the instances (terminated ones included) that carry a Name tag: a new launch's ClientToken must differ from theirs. */
export async function instancesNamed(aws: Aws, name: string): Promise<{ id: string; state: string }[]> {
  const out = await call(aws, 'ec2:DescribeInstances', (o) =>
    aws.clients.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] }), o),
  );
  return (out.Reservations ?? [])
    .flatMap((r) => r.Instances ?? [])
    .map((i) => ({ id: i.InstanceId ?? '', state: i.State?.Name ?? '' }));
}

/** An instance's architecture and root device (what RegisterImage needs to describe the same machine). */
export async function instanceFacts(
  aws: Aws,
  instanceId: string,
): Promise<{ architecture?: string; rootDeviceName?: string; enaSupport?: boolean }> {
  const out = await call(aws, 'ec2:DescribeInstances', (o) =>
    aws.clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }), o),
  );
  const i = out.Reservations?.[0]?.Instances?.[0];
  return {
    ...(i?.Architecture ? { architecture: i.Architecture } : {}),
    ...(i?.RootDeviceName ? { rootDeviceName: i.RootDeviceName } : {}),
    ...(i?.EnaSupport !== undefined ? { enaSupport: i.EnaSupport } : {}),
  };
}

export async function allocateAddress(
  aws: Aws,
  tags: Readonly<Record<string, string>>,
): Promise<{ allocationId: string; publicIp: string }> {
  const out = await call(aws, 'ec2:AllocateAddress', (o) =>
    aws.clients.ec2.send(
      notRepeatedUnanswered(
        new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: tagSpecs(['elastic-ip'], tags) }),
      ),
      o,
    ),
  );
  return { allocationId: out.AllocationId ?? '', publicIp: out.PublicIp ?? '' };
}

export async function associateAddress(aws: Aws, allocationId: string, instanceId: string): Promise<void> {
  await call(aws, 'ec2:AssociateAddress', (o) =>
    aws.clients.ec2.send(new AssociateAddressCommand({ AllocationId: allocationId, InstanceId: instanceId }), o),
  );
}

export async function startInstance(aws: Aws, instanceId: string): Promise<void> {
  await call(aws, 'ec2:StartInstances', (o) =>
    aws.clients.ec2.send(new StartInstancesCommand({ InstanceIds: [instanceId] }), o),
  );
}

export async function stopInstance(aws: Aws, instanceId: string): Promise<void> {
  await call(aws, 'ec2:StopInstances', (o) =>
    aws.clients.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }), o),
  );
}
