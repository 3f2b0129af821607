// The practice account's RDS records (records.ts re-exports them): DB subnet groups, DB instances and their
// placements and transitions, Aurora clusters, events, and what each database holds (the MySQL face's stores).
import type { Tags } from './tags';

export interface DbSubnetGroupRecord {
  name: string;
  arn: string;
  description: string;
  vpcId: string;
  subnetIds: string[];
  tags: Tags;
}

export interface DbInstanceRecord {
  id: string;
  arn: string;
  resourceId: string;
  engine: string;
  engineVersion: string;
  instanceClass: string;
  status: string;
  masterUsername: string;
  dbName?: string;
  port: number;
  allocatedStorageGiB: number;
  storageType: string;
  multiAz: boolean;
  az: string;
  secondaryAz?: string;
  publiclyAccessible: boolean;
  subnetGroupName: string;
  securityGroupIds: string[];
  backupRetentionPeriod: number;
  clusterId?: string;
  createTime: string;
  tags: Tags;
  /** The primary's subnet and private IP (absent in state files of older builds: rds/placement.ts derives them). */
  subnetId?: string;
  privateIp?: string;
  /** A Multi-AZ instance's standby: where a failover moves the endpoint's address. */
  standby?: DbPlacement;
  /** The practice account keeps the master password (plain, in its own state file) for its MySQL face. */
  masterPassword?: string;
  deletionProtection?: boolean;
  /** When the current transient status ends and in which status (rds/transitions.ts). */
  transition?: DbTransition;
  /** Clients cannot connect until then (a reboot's or a failover's outage). */
  outageUntil?: string;
  /** ModifyDBInstance values waiting for the maintenance window (ApplyImmediately false). */
  pendingModified?: DbPendingModified;
  /** When the instance was made `available` the first time (InstanceCreateTime). */
  createdAt?: string;
}

/** Where one copy of a DB instance lives: its AZ, its subnet of the DB subnet group, its private IP there. */
export interface DbPlacement {
  az: string;
  subnetId: string;
  privateIp: string;
}

/** What a DB instance or cluster is doing and when it ends (`at`); `then` names what happens at the end. */
export interface DbTransition {
  to: string;
  at: string;
  /** What ends with it: 'created' (the Endpoint exists), 'modified' (pending changes applied), 'deleted'... */
  then?: 'created' | 'backedUp' | 'modified' | 'rebooted' | 'failedOver' | 'stopped' | 'started' | 'deleted';
  /** The transition that starts when this one ends (creating, then backing-up...). */
  next?: DbTransition;
}

export interface DbPendingModified {
  multiAz?: boolean;
  instanceClass?: string;
  masterUserPassword?: string;
  backupRetentionPeriod?: number;
}

/** One RDS event as DescribeEvents lists it. */
export interface DbEventRecord {
  sourceId: string;
  sourceType: 'db-instance' | 'db-cluster' | 'db-subnet-group';
  sourceArn: string;
  message: string;
  categories: string[];
  date: string;
  eventId?: string;
}

export interface DbClusterRecord {
  id: string;
  arn: string;
  resourceId: string;
  engine: string;
  engineVersion: string;
  status: string;
  masterUsername: string;
  databaseName?: string;
  port: number;
  subnetGroupName: string;
  securityGroupIds: string[];
  azs: string[];
  /** Member DB instance IDs; the writer is named separately. */
  memberIds: string[];
  writerId?: string;
  createTime: string;
  tags: Tags;
  masterPassword?: string;
  deletionProtection?: boolean;
  backupRetentionPeriod?: number;
  /** When the current transient status (creating, failing-over, deleting) ends (rds/transitions.ts). */
  transition?: DbTransition;
  /** The failover's target: it becomes the writer when `failing-over` ends. */
  failoverTo?: string;
}

/** A column's value as the practice MySQL keeps it (JSON: numbers, strings, NULL). */
export type DatabaseValue = string | number | null;

export interface DatabaseColumnRecord {
  name: string;
  /** As declared: `int`, `varchar(255)`, … */
  type: string;
  autoIncrement?: boolean;
}

export interface DatabaseTableRecord {
  columns: DatabaseColumnRecord[];
  /** Each row's values in column order. */
  rows: DatabaseValue[][];
  /** The next AUTO_INCREMENT value. */
  nextId?: number;
}

/** One DB instance's (RDS MySQL) or cluster's (Aurora) data: schemas -> tables -> rows. */
export interface DatabaseStoreRecord {
  schemas: Record<string, { tables: Record<string, DatabaseTableRecord> }>;
}
