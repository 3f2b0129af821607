// The inventory's databases section: RDS DB instances, Aurora clusters, DB subnet groups and their events (types.ts
// re-exports them with the rest of the inventory).
import type { Tags } from './tags';

export interface DbInstance {
  readonly id: string;
  readonly arn: string;
  readonly engine: string;
  readonly engineVersion?: string;
  readonly instanceClass: string;
  /** "creating" | "available" | "modifying" | "rebooting" | ... */
  readonly status: string;
  readonly multiAz: boolean;
  readonly az?: string;
  readonly secondaryAz?: string;
  readonly endpoint?: { readonly address: string; readonly port: number };
  /** Set for Aurora members. */
  readonly clusterId?: string;
  readonly storageGiB?: number;
  readonly storageType?: string;
  readonly publiclyAccessible: boolean;
  readonly subnetGroupName?: string;
  readonly securityGroupIds: readonly string[];
  readonly createTime?: string;
  /** The initial database (DBName): WordPress needs one. */
  readonly dbName?: string;
  readonly masterUsername?: string;
  /** Days of automated backups; 0 = off. */
  readonly backupRetentionDays?: number;
  /** Absent: off. */
  readonly deletionProtection?: boolean;
  /** A Multi-AZ change asked for without "apply immediately": it waits for the maintenance window. */
  readonly pendingMultiAz?: boolean;
  readonly tags: Tags;
}

/** What RDS says happened to a database (DescribeEvents): a failover is known from these. */
export interface DbEvent {
  readonly sourceId: string;
  /** "db-instance" | "db-cluster" | … */
  readonly sourceType: string;
  /** ISO 8601. */
  readonly date: string;
  readonly message: string;
  readonly categories: readonly string[];
}

/** A DB subnet group: where RDS may place a database and its standby. */
export interface DbSubnetGroup {
  readonly name: string;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /** The AZs of its subnets, sorted. */
  readonly azs: readonly string[];
  readonly status: string;
}

export interface DbClusterMember {
  readonly instanceId: string;
  readonly isWriter: boolean;
  /** From the member's DB instance. */
  readonly az?: string;
}

export interface DbCluster {
  readonly id: string;
  readonly arn: string;
  readonly engine: string;
  readonly status: string;
  readonly multiAz: boolean;
  readonly endpoint?: string;
  readonly readerEndpoint?: string;
  readonly port?: number;
  readonly members: readonly DbClusterMember[];
  readonly azs: readonly string[];
  readonly engineVersion?: string;
  readonly databaseName?: string;
  readonly masterUsername?: string;
  readonly subnetGroupName?: string;
  readonly securityGroupIds: readonly string[];
  /** Absent: off. */
  readonly deletionProtection?: boolean;
  readonly tags: Tags;
}
