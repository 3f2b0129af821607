// The 12-month free tier (accounts created before 2025-07-15): the allowances, and how they are shared across
// the estimate's items. Its own file so estimate.ts stays about pricing the inventory.
import type { CostItem } from './items';

export const HOURS_PER_MONTH = 730;

/** Free-tier allowances a month (AWS Free Tier, 12 months): hours of one resource kind, GB-months of storage. */
export const FREE_TIER = {
  microInstanceHours: 750,
  ebsGbMonths: 30,
  albHours: 750,
  /** Read as 15 LCUs in use every hour of the 750 ALB hours. */
  lcuHours: 15 * 750,
  ec2PublicIpv4Hours: 750,
  rdsMicroHours: 750,
  rdsStorageGbMonths: 20,
} as const;

export const FREE_TIER_INSTANCE_TYPES = new Set(['t2.micro', 't3.micro']);
export const FREE_TIER_DB_CLASSES = new Set(['db.t2.micro', 'db.t3.micro', 'db.t4g.micro']);

/** Working item: the rate before the free tier, and the units a free-tier pool can cover. */
export interface Draft {
  item: Omit<CostItem, 'hourlyUsd' | 'monthlyUsd' | 'accruedUsd' | 'freeTier'>;
  hourly: number;
  /** Free-tier pool and how many of its units this item uses (instances, GB, LCUs, addresses). */
  pool?: keyof typeof FREE_TIER;
  units?: number;
}

/**
 * Shares each allowance across the items of its kind, biggest hourly rate first (ties by id, for a stable answer),
 * as AWS applies the free tier to the month's usage. Returns the fraction of each covered item that is free.
 */
export function applyFreeTier(drafts: readonly Draft[]): Map<Draft, number> {
  const covered = new Map<Draft, number>();
  // Hour allowances in "resources running all month"; GB allowances in GB.
  const left: Record<keyof typeof FREE_TIER, number> = {
    microInstanceHours: FREE_TIER.microInstanceHours / HOURS_PER_MONTH,
    ebsGbMonths: FREE_TIER.ebsGbMonths,
    albHours: FREE_TIER.albHours / HOURS_PER_MONTH,
    lcuHours: FREE_TIER.lcuHours / HOURS_PER_MONTH,
    ec2PublicIpv4Hours: FREE_TIER.ec2PublicIpv4Hours / HOURS_PER_MONTH,
    rdsMicroHours: FREE_TIER.rdsMicroHours / HOURS_PER_MONTH,
    rdsStorageGbMonths: FREE_TIER.rdsStorageGbMonths,
  };
  const order = [...drafts]
    .filter((d) => d.pool && d.hourly > 0)
    .sort((a, b) => b.hourly - a.hourly || a.item.resourceId.localeCompare(b.item.resourceId));
  for (const d of order) {
    const pool = d.pool as keyof typeof FREE_TIER;
    const units = d.units ?? 1;
    const use = Math.min(units, left[pool]);
    if (use <= 0) continue;
    left[pool] -= use;
    covered.set(d, use / units);
  }
  return covered;
}
