// Cleanup's shared shapes: what a plan lists, what a run reports, what it needs. Their own file so the planner
// (plan.ts), the hourly costs (cost.ts) and the deleter (run.ts) import them without importing each other.
import type { KeyPairInfo } from '../../aws/actions/cleanupActions';
import type { AwsClients } from '../../aws/clients';
import type { AwsProblem } from '../../aws/errors';
import type { Inventory, InventorySection } from '../../aws/types';
import type { PriceTable } from '../../cost/prices';
import type { KeptChange } from './kept';

export type CleanupKind =
  | 'listener'
  | 'loadBalancer'
  | 'targetGroup'
  | 'autoScalingGroup'
  | 'scalingPolicy'
  | 'alarm'
  | 'launchTemplate'
  | 'instance'
  | 'natGateway'
  | 'elasticIp'
  | 'image'
  | 'snapshot'
  | 'volume'
  | 'dbInstance'
  | 'dbCluster'
  | 'dbSubnetGroup'
  | 'internetGateway'
  | 'routeTable'
  | 'subnet'
  | 'securityGroup'
  | 'keyPair'
  | 'vpc';

export interface CleanupItem {
  kind: CleanupKind;
  id: string;
  name?: string;
  labCreated: boolean;
  hourlyUsd: number;
  /** Dependency order, 0 first. */
  stage: number;
  /** A database with deletion protection on: the run turns it off first (only ever for the lab's or picked). */
  deletionProtection?: true;
  /** An Aurora member: its cluster's id (it waits for the cluster's protection to be off). */
  clusterId?: string;
  /** A scaling policy: its group (DeletePolicy names both). */
  groupName?: string;
  /** A Classic Load Balancer: `id` is its name, deleted with ELB v1. */
  classic?: true;
}

/** A part of the account that could not be read: what of the lab is there is unknown. */
export interface CleanupUnread {
  section: InventorySection | 'keyPairs';
  /** e.g. "elasticloadbalancing:DescribeLoadBalancers". */
  action: string;
  error: AwsProblem;
}

export interface CleanupPlan {
  /** Changes to kept resources, made first (rules put back) or with the lab group they name (rules revoked). */
  changes: KeptChange[];
  /** What will be deleted: the lab's, and those picked with `include`. */
  items: CleanupItem[];
  /** Not the lab's: listed so the student can pick one by one. */
  others: CleanupItem[];
  /** What `items` cost per hour now. */
  hourlyUsd: number;
  /** Sections not read: the plan may miss what of the lab is in them. */
  unread: CleanupUnread[];
}

export interface CleanupPlanOptions {
  /** IDs (or, for load balancers, target groups and key pairs, names) of resources not the lab's to delete too. */
  include?: readonly string[];
  /** IDs kept although the lab's (the student unchecked them); their parts stay with them. */
  exclude?: readonly string[];
  /** What else could not be read (the key pairs: the inventory does not read them). */
  unread?: readonly CleanupUnread[];
  /** For the hourly cost each deletion stops; without it every cost is 0. */
  prices?: PriceTable;
  /** The account's key pairs: the lab's (tagged) are deleted, never the local .pem. */
  keyPairs?: readonly KeyPairInfo[];
}

export type CleanupProgress =
  | {
      item: CleanupItem;
      phase: 'deleting' | 'waiting' | 'deleted' | 'retrying' | 'failed';
      problem?: AwsProblem;
      /** On 'deleting': its deletion protection was just turned off, before the delete. */
      protectionOff?: true;
    }
  | { change: KeptChange; phase: 'changed' | 'changeFailed'; problem?: AwsProblem };

export interface CleanupResult {
  /** The rules put back in kept groups (the revokes go with their lab group's deletion). */
  changed: KeptChange[];
  changeFailed: { change: KeptChange; problem: AwsProblem }[];
  deleted: CleanupItem[];
  failed: { item: CleanupItem; problem: AwsProblem }[];
  /** Databases whose deletion protection the run turned off (absent when none). */
  unprotected?: CleanupItem[];
  /** The lab's billable items still there after the final check. */
  leftBillable: CleanupItem[];
  /** Sections the final check could not read: what of the lab is left in them is unknown. */
  unread: CleanupUnread[];
}

export interface CleanupContext {
  clients: AwsClients;
  inventory: () => Promise<Inventory>;
  signal: AbortSignal;
  progress: (p: CleanupProgress) => void;
  /** For the hourly cost of what is left (else 0). */
  prices?: PriceTable;
  /** Poll and retry delays in seconds; default: short through an endpoint URL (practice account), AWS's otherwise. */
  delays?: { minDelay: number; maxDelay: number };
  /** How long one item keeps retrying "still in use" (default 5 s on the practice account, 10 min on AWS). */
  retrySeconds?: number;
}
