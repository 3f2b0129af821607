// Live prices from the AWS Price List Query API (pricing:GetProducts, endpoint in us-east-1), cached in a JSON file.
// Optional: many student accounts (and the practice account) cannot call it. Every failure comes back as a typed
// outcome with the built-in table, never as a throw, so the meter always has something to show.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PricingClient, paginateGetProducts, type Filter } from '@aws-sdk/client-pricing';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { toAwsProblem, type AwsProblem } from '../aws/errors';
import { priceTable, type PriceFigure, type PriceTable } from './prices';

/** The Price List Query API answers in us-east-1 (also eu-central-1, ap-south-1). */
export const PRICING_REGION = 'us-east-1';
const SOURCE = 'https://api.pricing.us-east-1.amazonaws.com (pricing:GetProducts)';

/** What the live table asks for: the lab's types, plus a little room. */
export const LIVE_INSTANCE_TYPES = [
  't2.micro',
  't2.small',
  't3.micro',
  't3.small',
  't3.medium',
  't4g.micro',
  't4g.small',
] as const;
export const LIVE_DB_CLASSES = ['db.t3.micro', 'db.t4g.micro', 'db.t3.small'] as const;
export const LIVE_AURORA_CLASSES = ['db.t3.medium', 'db.t4g.medium'] as const;

export type LivePricesOutcome =
  /** Fresh from the API, or from a cache younger than maxAgeHours. */
  | { kind: 'live'; table: PriceTable; fromCache: boolean; fetchedAt: string }
  /** The API could not be used: the built-in table (undefined when the region has none) and why. */
  | {
      kind: 'fallback';
      table: PriceTable | undefined;
      problem: AwsProblem | { kind: 'incomplete'; missing: string[] };
    };

export interface LivePricesOptions {
  /** JSON cache (one entry per region). Without it, every call asks the API. */
  cacheFile?: string;
  /** A cached table younger than this is used as is (default 24). */
  maxAgeHours?: number;
  now?: Date;
  abortSignal?: AbortSignal;
}

type PricingSource = PricingClient | { credentials: AwsCredentialIdentityProvider | AwsCredentialIdentity };

export async function fetchLivePrices(
  source: PricingSource,
  region: string,
  options: LivePricesOptions = {},
): Promise<LivePricesOutcome> {
  const now = options.now ?? new Date();
  const maxAgeMs = (options.maxAgeHours ?? 24) * 3_600_000;
  const cached = options.cacheFile ? readCache(options.cacheFile)[region] : undefined;
  if (cached && now.getTime() - Date.parse(cached.fetchedAt) < maxAgeMs) {
    return { kind: 'live', table: cached.table, fromCache: true, fetchedAt: cached.fetchedAt };
  }
  const own =
    source instanceof PricingClient
      ? undefined
      : new PricingClient({
          region: PRICING_REGION,
          credentials: source.credentials,
          customUserAgent: 'aws-scale-out-lab',
        });
  const client = own ?? (source as PricingClient);
  try {
    const answers = await queryAll(client, region, options.abortSignal);
    const built = buildLiveTable(region, answers, now.toISOString().slice(0, 10));
    if (!built.table)
      return { kind: 'fallback', table: priceTable(region), problem: { kind: 'incomplete', missing: built.missing } };
    const fetchedAt = now.toISOString();
    if (options.cacheFile) writeCache(options.cacheFile, region, { fetchedAt, table: built.table });
    return { kind: 'live', table: built.table, fromCache: false, fetchedAt };
  } catch (error) {
    return {
      kind: 'fallback',
      table: priceTable(region),
      problem: toAwsProblem(error, { action: 'pricing:GetProducts' }),
    };
  } finally {
    own?.destroy();
  }
}

/** The raw PriceList documents of each query. */
export interface PriceAnswers {
  instances: readonly string[];
  ebs: readonly string[];
  snapshots: readonly string[];
  elb: readonly string[];
  publicIpv4: readonly string[];
  natGateway: readonly string[];
  rdsInstances: readonly string[];
  rdsStorage: readonly string[];
  aurora: readonly string[];
}

const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });
const anyOf = (Field: string, values: readonly string[]): Filter => ({
  Type: 'ANY_OF',
  Field,
  Value: values.join(','),
});

/** The filters of each query (exported for the tests and the log). */
export function priceQueries(region: string): Record<keyof PriceAnswers, { ServiceCode: string; Filters: Filter[] }> {
  const at = term('regionCode', region);
  return {
    instances: {
      ServiceCode: 'AmazonEC2',
      Filters: [
        at,
        anyOf('instanceType', LIVE_INSTANCE_TYPES),
        term('operatingSystem', 'Linux'),
        term('tenancy', 'Shared'),
        term('preInstalledSw', 'NA'),
        term('capacitystatus', 'Used'),
      ],
    },
    ebs: {
      ServiceCode: 'AmazonEC2',
      Filters: [at, term('productFamily', 'Storage'), anyOf('volumeApiName', ['gp2', 'gp3'])],
    },
    snapshots: { ServiceCode: 'AmazonEC2', Filters: [at, term('productFamily', 'Storage Snapshot')] },
    natGateway: { ServiceCode: 'AmazonEC2', Filters: [at, term('productFamily', 'NAT Gateway')] },
    elb: { ServiceCode: 'AWSELB', Filters: [at, term('productFamily', 'Load Balancer-Application')] },
    publicIpv4: {
      ServiceCode: 'AmazonVPC',
      Filters: [at, { Type: 'CONTAINS', Field: 'usagetype', Value: 'PublicIPv4:InUseAddress' }],
    },
    rdsInstances: {
      ServiceCode: 'AmazonRDS',
      Filters: [
        at,
        term('productFamily', 'Database Instance'),
        term('databaseEngine', 'MySQL'),
        term('deploymentOption', 'Single-AZ'),
        anyOf('instanceType', LIVE_DB_CLASSES),
      ],
    },
    rdsStorage: {
      ServiceCode: 'AmazonRDS',
      Filters: [
        at,
        term('productFamily', 'Database Storage'),
        term('databaseEngine', 'MySQL'),
        term('deploymentOption', 'Single-AZ'),
      ],
    },
    aurora: {
      ServiceCode: 'AmazonRDS',
      Filters: [
        at,
        term('productFamily', 'Database Instance'),
        term('databaseEngine', 'Aurora MySQL'),
        anyOf('instanceType', LIVE_AURORA_CLASSES),
      ],
    },
  };
}

async function queryAll(client: PricingClient, region: string, abortSignal?: AbortSignal): Promise<PriceAnswers> {
  const queries = priceQueries(region);
  const keys = Object.keys(queries) as (keyof PriceAnswers)[];
  const lists = await Promise.all(
    keys.map(async (key) => {
      const out: string[] = [];
      const pages = paginateGetProducts(
        { client, pageSize: 100 },
        { ...queries[key], FormatVersion: 'aws_v1', MaxResults: 100 },
        ...(abortSignal ? [{ abortSignal }] : []),
      );
      for await (const page of pages) for (const doc of page.PriceList ?? []) out.push(String(doc));
      return out;
    }),
  );
  return Object.fromEntries(keys.map((k, n) => [k, lists[n] ?? []])) as unknown as PriceAnswers;
}

/** One product of a PriceList answer, reduced to what the table needs. */
export interface PricedProduct {
  attributes: Record<string, string>;
  /** The OnDemand price in USD, per `unit` ("Hrs", "GB-Mo", "LCU-Hrs"…). */
  usd: number;
  unit: string;
}

interface PriceListDocument {
  product?: { productFamily?: string; attributes?: Record<string, string> };
  terms?: {
    OnDemand?: Record<string, { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }> }>;
  };
}

/**
 * The OnDemand price of one PriceList document. Where a term has several dimensions (a free tier at 0 then a paid
 * tier), the highest is the price a resource pays beyond any allowance. Undefined without a USD OnDemand price.
 */
export function parseProduct(document: string): PricedProduct | undefined {
  let doc: PriceListDocument;
  try {
    doc = JSON.parse(document) as PriceListDocument;
  } catch {
    return undefined;
  }
  let best: { usd: number; unit: string } | undefined;
  for (const t of Object.values(doc.terms?.OnDemand ?? {})) {
    for (const d of Object.values(t.priceDimensions ?? {})) {
      const usd = Number(d.pricePerUnit?.USD);
      if (!Number.isFinite(d.pricePerUnit?.USD === undefined ? NaN : usd)) continue;
      if (!best || usd > best.usd) best = { usd, unit: d.unit ?? '' };
    }
  }
  if (!best) return undefined;
  return {
    attributes: {
      ...(doc.product?.productFamily ? { productFamily: doc.product.productFamily } : {}),
      ...(doc.product?.attributes ?? {}),
    },
    ...best,
  };
}

/** The live table from the answers, or the figures it lacks (a table must price ALB, LCU, IPv4, snapshots and NAT). */
export function buildLiveTable(
  region: string,
  answers: PriceAnswers,
  asOf: string,
): { table?: PriceTable; missing: string[] } {
  const parsed = (list: readonly string[]) => list.map(parseProduct).filter((p): p is PricedProduct => p !== undefined);
  const figure = (p: PricedProduct, unit: PriceFigure['unit']): PriceFigure => ({
    usd: p.usd,
    unit,
    source: SOURCE,
    asOf,
  });
  const usage = (p: PricedProduct, pattern: RegExp) => pattern.test(p.attributes.usagetype ?? '');

  const instanceHour: Record<string, PriceFigure> = {};
  for (const p of parsed(answers.instances)) {
    const type = p.attributes.instanceType;
    // Linux without SQL or licences: "No License required"; "Used" capacity is the on-demand product.
    if (!type || p.unit !== 'Hrs' || (p.attributes.licenseModel && p.attributes.licenseModel !== 'No License required'))
      continue;
    if (p.attributes.operatingSystem && p.attributes.operatingSystem !== 'Linux') continue;
    if (!usage(p, /(^|-)BoxUsage:/)) continue;
    instanceHour[type] = figure(p, 'hour');
  }
  const ebsGbMonth: Record<string, PriceFigure> = {};
  for (const p of parsed(answers.ebs)) {
    const name = p.attributes.volumeApiName;
    if (name && p.unit === 'GB-Mo' && usage(p, /EBS:VolumeUsage/)) ebsGbMonth[name] = figure(p, 'GB-month');
  }
  const snapshot = parsed(answers.snapshots).find((p) => p.unit === 'GB-Mo' && usage(p, /EBS:SnapshotUsage$/));
  const elb = parsed(answers.elb).filter((p) => (p.attributes.locationType ?? 'AWS Region') === 'AWS Region');
  const albHour = elb.find((p) => p.unit === 'Hrs' && usage(p, /LoadBalancerUsage$/));
  const lcuHour = elb.find((p) => usage(p, /LCUUsage$/));
  const ipv4 = parsed(answers.publicIpv4).find((p) => p.unit === 'Hrs' && usage(p, /PublicIPv4:InUseAddress$/));
  const nat = parsed(answers.natGateway).find((p) => p.unit === 'Hrs' && usage(p, /NatGateway-Hours$/));

  const rdsInstanceHour: Record<string, PriceFigure> = {};
  for (const p of parsed(answers.rdsInstances)) {
    const type = p.attributes.instanceType;
    if (type && p.unit === 'Hrs' && usage(p, /InstanceUsage:/)) rdsInstanceHour[type] = figure(p, 'hour');
  }
  const rdsStorageGbMonth: Record<string, PriceFigure> = {};
  for (const p of parsed(answers.rdsStorage)) {
    if (p.unit !== 'GB-Mo') continue;
    // RDS names gp2 "General Purpose" and gp3 "General Purpose-GP3" (usage types RDS:GP2-Storage, RDS:GP3-Storage).
    const type = usage(p, /RDS:GP2-Storage$/) ? 'gp2' : usage(p, /RDS:GP3-Storage$/) ? 'gp3' : undefined;
    if (type) rdsStorageGbMonth[type] = figure(p, 'GB-month');
  }
  const auroraInstanceHour: Record<string, PriceFigure> = {};
  for (const p of parsed(answers.aurora)) {
    const type = p.attributes.instanceType;
    // Aurora Standard (InstanceUsage:), not I/O-Optimized (InstanceUsageIOOptimized:).
    if (type && p.unit === 'Hrs' && usage(p, /InstanceUsage:/)) auroraInstanceHour[type] = figure(p, 'hour');
  }

  const required = { snapshotGbMonth: snapshot, albHour, lcuHour, publicIpv4Hour: ipv4, natGatewayHour: nat };
  const missing = Object.entries(required)
    .filter(([, p]) => p === undefined)
    .map(([k]) => k);
  if (Object.keys(instanceHour).length === 0) missing.push('instanceHour');
  if (!snapshot || !albHour || !lcuHour || !ipv4 || !nat || missing.length > 0) return { missing };
  return {
    missing,
    table: {
      region,
      currency: 'USD',
      origin: 'live',
      asOf,
      instanceHour,
      ebsGbMonth,
      snapshotGbMonth: figure(snapshot, 'GB-month'),
      albHour: figure(albHour, 'hour'),
      lcuHour: figure(lcuHour, 'LCU-hour'),
      publicIpv4Hour: figure(ipv4, 'hour'),
      rdsInstanceHour,
      rdsStorageGbMonth,
      auroraInstanceHour,
      natGatewayHour: figure(nat, 'hour'),
      // CloudWatch and the Classic Load Balancer are not asked of the Price List: the built-in figures (their
      // source and date kept).
      ...alarmFigure(region),
      ...classicFigures(region),
    },
  };
}

interface CacheEntry {
  fetchedAt: string;
  table: PriceTable;
}

function readCache(file: string): Record<string, CacheEntry> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; regions?: Record<string, CacheEntry> };
    return data.version === 1 && data.regions ? data.regions : {};
  } catch {
    return {};
  }
}

function writeCache(file: string, region: string, entry: CacheEntry): void {
  try {
    const regions = { ...readCache(file), [region]: entry };
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, regions }, null, 2)}\n`);
    renameSync(temp, file);
  } catch {
    // A cache that cannot be written only costs another query next time.
  }
}

function alarmFigure(region: string): { alarmMonth?: PriceFigure } {
  const alarm = priceTable(region)?.alarmMonth;
  return alarm ? { alarmMonth: alarm } : {};
}

function classicFigures(region: string): { clbHour?: PriceFigure; clbDataGb?: PriceFigure } {
  const table = priceTable(region);
  return {
    ...(table?.clbHour ? { clbHour: table.clbHour } : {}),
    ...(table?.clbDataGb ? { clbDataGb: table.clbDataGb } : {}),
  };
}
