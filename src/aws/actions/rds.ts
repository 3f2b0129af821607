// RDS writes for track 2, each safe to repeat: creates carry their tags and an identifier, so a create whose answer
// was lost and is sent again meets "already exists", which means done (the rerun adopts it); the password is sent to
// AWS and nowhere else (no log, no error text: AWS's errors never repeat it).
import {
  CreateDBClusterCommand,
  CreateDBInstanceCommand,
  CreateDBSubnetGroupCommand,
  FailoverDBClusterCommand,
  ModifyDBInstanceCommand,
  ModifyDBSubnetGroupCommand,
  RebootDBInstanceCommand,
  type RDSClientResolvedConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-rds';
import type { Command } from '@smithy/types';
import { AwsError } from '../errors';
import type { Tags } from '../tags';
import { call, notRepeatedUnanswered, tagList, type Aws } from './call';

/**
 * What became of a change that is not safe to send twice (a second failover would swap back): done, refused as busy,
 * or sent without an answer (maybe done). The last two are for the caller to read the state.
 */
export type Sent = 'done' | 'busy' | 'unanswered';

async function sendOnce(run: () => Promise<boolean>): Promise<Sent> {
  try {
    return (await run()) ? 'done' : 'busy';
  } catch (error) {
    if (error instanceof AwsError && error.problem.kind === 'network') return 'unanswered';
    throw error;
  }
}

/** AWS's code and the SDK's exception name for the same answer. */
const already = (...codes: string[]) => Object.fromEntries(codes.map((c) => [c, () => false]));

/** Any RDS command, as the client's `send` takes it. */
type RdsCommand<I extends ServiceInputTypes, O extends ServiceOutputTypes> = Command<
  ServiceInputTypes,
  I,
  ServiceOutputTypes,
  O,
  RDSClientResolvedConfig
>;

/** Sends one RDS command: true when RDS took it, false when it answered one of `codes` (exists already, busy). */
function sent<I extends ServiceInputTypes, O extends ServiceOutputTypes>(
  aws: Aws,
  action: string,
  command: RdsCommand<I, O>,
  ...codes: string[]
): Promise<boolean> {
  return call(
    aws,
    action,
    async (o) => {
      await aws.clients.rds.send(command, o);
      return true;
    },
    already(...codes),
  );
}

/** A DB subnet group; false when one of that name exists already (it is then adopted as it is). */
export async function createDbSubnetGroup(
  aws: Aws,
  spec: { name: string; description: string; subnetIds: readonly string[]; tags: Tags },
): Promise<boolean> {
  return sent(
    aws,
    'rds:CreateDBSubnetGroup',
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: spec.name,
      DBSubnetGroupDescription: spec.description,
      SubnetIds: [...spec.subnetIds],
      Tags: tagList(spec.tags),
    }),
    'DBSubnetGroupAlreadyExists',
    'DBSubnetGroupAlreadyExistsFault',
  );
}

/** A DB subnet group's subnets replaced (one AZ only, or public subnets, before). */
export async function setDbSubnetGroupSubnets(aws: Aws, name: string, subnetIds: readonly string[]): Promise<void> {
  await call(aws, 'rds:ModifyDBSubnetGroup', (o) =>
    aws.clients.rds.send(new ModifyDBSubnetGroupCommand({ DBSubnetGroupName: name, SubnetIds: [...subnetIds] }), o),
  );
}

export interface MySqlSpec {
  readonly id: string;
  readonly instanceClass: string;
  readonly storageGiB: number;
  readonly masterUser: string;
  readonly password: string;
  readonly securityGroupIds: readonly string[];
  readonly subnetGroup: string;
  readonly az: string;
  readonly dbName: string;
  readonly tags: Tags;
}

/**
 * Seed 004's RDS MySQL: engine version "8.0" (RDS picks that major's default minor), gp2, no public access,
 * single-AZ in the AZ asked, backups off, deletion protection off. False when it exists already.
 */
export async function createMySqlInstance(aws: Aws, spec: MySqlSpec): Promise<boolean> {
  return sent(
    aws,
    'rds:CreateDBInstance',
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: spec.id,
      Engine: 'mysql',
      EngineVersion: '8.0',
      DBInstanceClass: spec.instanceClass,
      AllocatedStorage: spec.storageGiB,
      StorageType: 'gp2',
      MasterUsername: spec.masterUser,
      MasterUserPassword: spec.password,
      PubliclyAccessible: false,
      MultiAZ: false,
      AvailabilityZone: spec.az,
      VpcSecurityGroupIds: [...spec.securityGroupIds],
      DBSubnetGroupName: spec.subnetGroup,
      DBName: spec.dbName,
      BackupRetentionPeriod: 0,
      DeletionProtection: false,
      Tags: tagList(spec.tags),
    }),
    'DBInstanceAlreadyExists',
    'DBInstanceAlreadyExistsFault',
  );
}

/** Multi-AZ on, applied now (not in the maintenance window). */
export async function makeMultiAz(aws: Aws, id: string): Promise<Sent> {
  return sendOnce(() =>
    sent(
      aws,
      'rds:ModifyDBInstance',
      notRepeatedUnanswered(
        new ModifyDBInstanceCommand({ DBInstanceIdentifier: id, MultiAZ: true, ApplyImmediately: true }),
      ),
      'InvalidDBInstanceState',
      'InvalidDBInstanceStateFault',
    ),
  );
}

/** A reboot; with failover, the standby becomes the primary (sent again blindly, it would swap them back). */
export async function rebootDbInstance(aws: Aws, id: string, forceFailover: boolean): Promise<Sent> {
  return sendOnce(() =>
    sent(
      aws,
      'rds:RebootDBInstance',
      notRepeatedUnanswered(new RebootDBInstanceCommand({ DBInstanceIdentifier: id, ForceFailover: forceFailover })),
      'InvalidDBInstanceState',
      'InvalidDBInstanceStateFault',
    ),
  );
}

export interface AuroraClusterSpec {
  readonly id: string;
  readonly masterUser: string;
  readonly password: string;
  readonly securityGroupIds: readonly string[];
  readonly subnetGroup: string;
  readonly dbName: string;
  readonly tags: Tags;
}

/** An Aurora MySQL cluster (the default version, no members yet). False when it exists already. */
export async function createAuroraCluster(aws: Aws, spec: AuroraClusterSpec): Promise<boolean> {
  return sent(
    aws,
    'rds:CreateDBCluster',
    new CreateDBClusterCommand({
      DBClusterIdentifier: spec.id,
      Engine: 'aurora-mysql',
      MasterUsername: spec.masterUser,
      MasterUserPassword: spec.password,
      VpcSecurityGroupIds: [...spec.securityGroupIds],
      DBSubnetGroupName: spec.subnetGroup,
      DatabaseName: spec.dbName,
      DeletionProtection: false,
      Tags: tagList(spec.tags),
    }),
    'DBClusterAlreadyExistsFault',
    'DBClusterAlreadyExists',
  );
}

/** A member of an Aurora cluster (the first one is the writer, the next ones readers). False when it exists. */
export async function createAuroraInstance(
  aws: Aws,
  spec: { id: string; clusterId: string; instanceClass: string; az: string; tags: Tags },
): Promise<boolean> {
  return sent(
    aws,
    'rds:CreateDBInstance',
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: spec.id,
      DBClusterIdentifier: spec.clusterId,
      Engine: 'aurora-mysql',
      DBInstanceClass: spec.instanceClass,
      AvailabilityZone: spec.az,
      PubliclyAccessible: false,
      Tags: tagList(spec.tags),
    }),
    'DBInstanceAlreadyExists',
    'DBInstanceAlreadyExistsFault',
  );
}

/** The cluster's failover to one reader. */
export async function failoverCluster(aws: Aws, clusterId: string, targetId: string): Promise<Sent> {
  return sendOnce(() =>
    sent(
      aws,
      'rds:FailoverDBCluster',
      notRepeatedUnanswered(
        new FailoverDBClusterCommand({ DBClusterIdentifier: clusterId, TargetDBInstanceIdentifier: targetId }),
      ),
      'InvalidDBClusterStateFault',
      'InvalidDBClusterState',
    ),
  );
}
