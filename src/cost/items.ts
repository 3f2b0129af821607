// One billable line of the estimate: its kind, its rates, what it has accrued. Shared by estimate.ts and the
// files that draft items of one kind (freeTier.ts, network.ts), so none of them imports another's types.
export type CostKind =
  | 'instance'
  | 'volume'
  | 'snapshot'
  | 'loadBalancer'
  | 'lcu'
  | 'publicIpv4'
  | 'dbInstance'
  | 'dbStorage'
  | 'auroraInstance'
  | 'natGateway'
  | 'alarm';

/** Why an item has no price: the region has no table, or the table lacks this type/class. */
export type UnpricedReason =
  | 'region'
  | 'instanceType'
  | 'volumeType'
  | 'loadBalancerType'
  | 'dbInstanceClass'
  | 'dbStorageType'
  | 'auroraInstanceClass'
  /** No public figure confirmed for the region (prices.ts `unconfirmed`): shown as such, never guessed. */
  | 'unconfirmed';

export interface CostItem {
  kind: CostKind;
  resourceId: string;
  name?: string;
  /** type, sizeGiB, state, multiAz, addresses, source ('elastic' | 'auto' | 'loadBalancer'), lcu… */
  detail: Record<string, string | number>;
  hourlyUsd: number;
  /** hourlyUsd × 730. */
  monthlyUsd: number;
  accruedUsd: number;
  /** ISO 8601: when accrual starts. */
  since?: string;
  /** The free tier covers this item, wholly or partly. */
  freeTier: boolean;
  labCreated: boolean;
  unpriced?: UnpricedReason;
  /** The start is unknown (Elastic IPs): accruedUsd is 0, count from when it was first seen. */
  accruedUnknown?: boolean;
}
