// Built-in price tables (USD, on-demand, Linux): what the meter uses when live prices are not available.
// Every figure names the AWS pricing page it comes from and the day it was read (gathered in
// ../shared/notes/pricing.md). A region without a table has no prices: the estimate marks its items unpriced
// rather than guessing from another region.

export interface PriceFigure {
  usd: number;
  unit: 'hour' | 'GB-month' | 'LCU-hour' | 'alarm-month' | 'GB';
  /** The public page (or API) the figure comes from. */
  source: string;
  /** YYYY-MM-DD, when it was read. */
  asOf: string;
}

export interface PriceTable {
  region: string;
  currency: 'USD';
  origin: 'table' | 'live';
  asOf: string;
  /** EC2 Linux, shared tenancy, by instance type. */
  instanceHour: Record<string, PriceFigure>;
  /** EBS by volume type (gp2, gp3). */
  ebsGbMonth: Record<string, PriceFigure>;
  snapshotGbMonth: PriceFigure;
  albHour: PriceFigure;
  lcuHour: PriceFigure;
  /** A Classic Load Balancer's hour (absent: CLBs show unpriced). */
  clbHour?: PriceFigure;
  /** Each GB a Classic Load Balancer processes (noted beside it, not metered). */
  clbDataGb?: PriceFigure;
  publicIpv4Hour: PriceFigure;
  /** RDS MySQL single-AZ by instance class; Multi-AZ bills twice this. */
  rdsInstanceHour: Record<string, PriceFigure>;
  /** RDS storage by storage type, single-AZ; Multi-AZ bills twice this. */
  rdsStorageGbMonth: Record<string, PriceFigure>;
  /** Aurora MySQL by instance class (only the classes confirmed for the region). */
  auroraInstanceHour: Record<string, PriceFigure>;
  natGatewayHour: PriceFigure;
  /** A standard-resolution CloudWatch metric alarm, per alarm-month (absent: alarms show unpriced). */
  alarmMonth?: PriceFigure;
  /**
   * Price families with no public figure confirmed for the region, and why (../shared/notes/pricing.md): their
   * items say "unconfirmed" instead of a figure borrowed from another region. Live prices have none.
   */
  unconfirmed?: Partial<Record<'auroraInstanceHour', string>>;
}

/** The AWS pricing pages the tables cite. */
export const PRICE_SOURCES = {
  ec2: 'https://aws.amazon.com/ec2/pricing/on-demand/',
  ebs: 'https://aws.amazon.com/ebs/pricing/',
  elb: 'https://aws.amazon.com/elasticloadbalancing/pricing/',
  vpc: 'https://aws.amazon.com/vpc/pricing/',
  rdsMysql: 'https://aws.amazon.com/rds/mysql/pricing/',
  aurora: 'https://aws.amazon.com/rds/aurora/pricing/',
  cloudWatch: 'https://aws.amazon.com/cloudwatch/pricing/',
} as const;

/** When the figures of the built-in tables were read (../shared/notes/pricing.md). */
export const TABLE_AS_OF = '2026-11-23';

type Unit = PriceFigure['unit'];
const fig = (usd: number, unit: Unit, source: string): PriceFigure => ({ usd, unit, source, asOf: TABLE_AS_OF });
const hour = (usd: number, source: string) => fig(usd, 'hour', source);
const gbMonth = (usd: number, source: string) => fig(usd, 'GB-month', source);
// The Classic Load Balancer tab of the ELB pricing page, as the brief of issue 13 quotes it: not confirmed against a
// copy of the page (only that a CLB bills its hours and each GB it processes, and shares the free tier's 750 hours
// with the ALBs), hence its own date and this note.
const CLB_AS_OF = '2026-12-01';
const clb = (usd: number, unit: Unit) => ({
  usd,
  unit,
  source: `${PRICE_SOURCES.elb} (Classic Load Balancer; unconfirmed)`,
  asOf: CLB_AS_OF,
});

const TABLES: Readonly<Record<string, PriceTable>> = {
  'ap-northeast-1': {
    region: 'ap-northeast-1',
    currency: 'USD',
    origin: 'table',
    asOf: TABLE_AS_OF,
    instanceHour: {
      't2.micro': hour(0.0152, PRICE_SOURCES.ec2),
      't3.micro': hour(0.0136, PRICE_SOURCES.ec2),
      't3.small': hour(0.0272, PRICE_SOURCES.ec2),
    },
    ebsGbMonth: { gp2: gbMonth(0.12, PRICE_SOURCES.ebs), gp3: gbMonth(0.096, PRICE_SOURCES.ebs) },
    snapshotGbMonth: gbMonth(0.05, PRICE_SOURCES.ebs),
    albHour: hour(0.0243, PRICE_SOURCES.elb),
    lcuHour: fig(0.008, 'LCU-hour', PRICE_SOURCES.elb),
    clbHour: clb(0.027, 'hour'),
    clbDataGb: clb(0.008, 'GB'),
    publicIpv4Hour: hour(0.005, PRICE_SOURCES.vpc),
    rdsInstanceHour: { 'db.t3.micro': hour(0.026, PRICE_SOURCES.rdsMysql) },
    rdsStorageGbMonth: { gp2: gbMonth(0.138, PRICE_SOURCES.rdsMysql), gp3: gbMonth(0.138, PRICE_SOURCES.rdsMysql) },
    // Aurora in Tokyo: not confirmed from a public source, so no figure (members show as unconfirmed).
    auroraInstanceHour: {},
    natGatewayHour: hour(0.062, PRICE_SOURCES.vpc),
    alarmMonth: fig(0.1, 'alarm-month', PRICE_SOURCES.cloudWatch),
    unconfirmed: {
      auroraInstanceHour: `Aurora MySQL in ap-northeast-1: not confirmed in notes/pricing.md (${TABLE_AS_OF}); see ${PRICE_SOURCES.aurora}`,
    },
  },
  'us-east-1': {
    region: 'us-east-1',
    currency: 'USD',
    origin: 'table',
    asOf: TABLE_AS_OF,
    instanceHour: {
      't2.micro': hour(0.0116, PRICE_SOURCES.ec2),
      't3.micro': hour(0.0104, PRICE_SOURCES.ec2),
      't3.small': hour(0.0208, PRICE_SOURCES.ec2),
    },
    ebsGbMonth: { gp2: gbMonth(0.1, PRICE_SOURCES.ebs), gp3: gbMonth(0.08, PRICE_SOURCES.ebs) },
    snapshotGbMonth: gbMonth(0.05, PRICE_SOURCES.ebs),
    albHour: hour(0.0225, PRICE_SOURCES.elb),
    lcuHour: fig(0.008, 'LCU-hour', PRICE_SOURCES.elb),
    clbHour: clb(0.025, 'hour'),
    clbDataGb: clb(0.008, 'GB'),
    publicIpv4Hour: hour(0.005, PRICE_SOURCES.vpc),
    rdsInstanceHour: { 'db.t3.micro': hour(0.017, PRICE_SOURCES.rdsMysql) },
    rdsStorageGbMonth: { gp2: gbMonth(0.115, PRICE_SOURCES.rdsMysql), gp3: gbMonth(0.115, PRICE_SOURCES.rdsMysql) },
    auroraInstanceHour: {
      'db.t3.medium': hour(0.082, PRICE_SOURCES.aurora),
      'db.t4g.medium': hour(0.073, PRICE_SOURCES.aurora),
    },
    natGatewayHour: hour(0.045, PRICE_SOURCES.vpc),
    alarmMonth: fig(0.1, 'alarm-month', PRICE_SOURCES.cloudWatch),
  },
};

/** Regions with a built-in table. */
export const PRICED_REGIONS: readonly string[] = Object.keys(TABLES);

/** The built-in table of a region (a copy: callers may adjust it), or undefined when there is none. */
export function priceTable(region: string): PriceTable | undefined {
  const table = TABLES[region];
  return table ? (structuredClone(table) as PriceTable) : undefined;
}
