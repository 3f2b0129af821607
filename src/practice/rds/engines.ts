// The engines the practice account offers (MySQL 8.0 and Aurora MySQL 3, the handouts' two), their versions
// with AWS's default, the DB instance classes each accepts (AWS refuses retired ones such as db.t2.small with
// its "combination" message), and DescribeDBEngineVersions.
import {
  DescribeDBEngineVersions$,
  type DBEngineVersion,
  type DBEngineVersionMessage,
  type DescribeDBEngineVersionsMessage,
} from '@aws-sdk/client-rds';
import { action } from '../core/actions';
import { paginate, rdsRules } from '../core/pagination';
import { invalidCombination, invalidValue } from './common';

interface EngineSpec {
  readonly description: string;
  readonly family: string;
  /** Oldest first; `defaultVersion` is one of them. */
  readonly versions: readonly string[];
  readonly defaultVersion: string;
  readonly classes: ReadonlySet<string>;
}

const sizes = (families: string[], names: string[]) => families.flatMap((f) => names.map((n) => `db.${f}.${n}`));

// The MySQL 8.0 minors and Aurora MySQL 3 releases offered in Tokyo; the defaults are our reading of AWS's
// default at the time of writing (DescribeDBEngineVersions DefaultOnly answers them).
export const ENGINES: Readonly<Record<string, EngineSpec>> = {
  mysql: {
    description: 'MySQL Community Edition',
    family: 'mysql8.0',
    versions: ['8.0.39', '8.0.40', '8.0.41', '8.0.42', '8.0.43'],
    defaultVersion: '8.0.42',
    classes: new Set([
      ...sizes(['t3', 't4g'], ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge']),
      ...sizes(['m5', 'm6g', 'm6i', 'm7g', 'r5', 'r6g', 'r6i', 'r7g'], ['large', 'xlarge', '2xlarge', '4xlarge']),
    ]),
  },
  'aurora-mysql': {
    description: 'Aurora MySQL',
    family: 'aurora-mysql8.0',
    versions: [
      '8.0.mysql_aurora.3.05.2',
      '8.0.mysql_aurora.3.08.0',
      '8.0.mysql_aurora.3.08.2',
      '8.0.mysql_aurora.3.10.0',
    ],
    defaultVersion: '8.0.mysql_aurora.3.08.2',
    classes: new Set([
      ...sizes(['t3', 't4g'], ['medium', 'large']),
      ...sizes(['r5', 'r6g', 'r6i', 'r7g'], ['large', 'xlarge', '2xlarge', '4xlarge']),
    ]),
  },
};

/** The engine's spec, or AWS's refusal of an engine we do not offer. */
export function engineSpec(engine: string | undefined): EngineSpec & { name: string } {
  const name = (engine ?? '').toLowerCase();
  const spec = ENGINES[name];
  if (!spec) throw invalidValue(`Invalid DB engine: ${engine ?? ''}`);
  return { ...spec, name };
}

/** The version asked for (a major such as "8.0" picks the default minor), else AWS's default. */
export function engineVersion(spec: EngineSpec & { name: string }, asked: string | undefined): string {
  if (!asked) return spec.defaultVersion;
  if (spec.versions.includes(asked)) return asked;
  if (asked === '8.0' || (spec.name === 'aurora-mysql' && asked === '8.0.mysql_aurora.3')) return spec.defaultVersion;
  throw invalidValue(`Cannot find version ${asked} for ${spec.name}`);
}

/** AWS refuses a class the engine does not run on (retired or too small) with this combination error. */
export function checkInstanceClass(spec: EngineSpec & { name: string }, version: string, instanceClass: string): void {
  if (spec.classes.has(instanceClass)) return;
  throw invalidCombination(
    `RDS does not support creating a DB instance with the following combination: DBInstanceClass=${instanceClass}, Engine=${spec.name}, EngineVersion=${version}, LicenseModel=general-public-license. For supported combinations of instance class and database engine version, see the documentation.`,
  );
}

/** The parameter group family of a version: mysql8.0, aurora-mysql8.0. */
export function parameterFamily(engine: string): string {
  return ENGINES[engine]?.family ?? engine;
}

function engineVersionView(engine: string, spec: EngineSpec, version: string): DBEngineVersion {
  return {
    Engine: engine,
    MajorEngineVersion: '8.0',
    EngineVersion: version,
    DBParameterGroupFamily: spec.family,
    DBEngineDescription: spec.description,
    DBEngineVersionDescription:
      engine === 'mysql'
        ? `MySQL ${version}`
        : `Aurora MySQL 3.${version.split('.3.')[1] ?? ''} (compatible with MySQL 8.0)`,
    ValidUpgradeTarget: spec.versions
      .filter((v) => spec.versions.indexOf(v) > spec.versions.indexOf(version))
      .map((v) => ({ Engine: engine, EngineVersion: v, AutoUpgrade: false, IsMajorVersionUpgrade: false })),
    ExportableLogTypes: ['audit', 'error', 'general', 'slowquery'],
    SupportsLogExportsToCloudwatchLogs: true,
    SupportsReadReplica: true,
    SupportedEngineModes: ['provisioned'],
    Status: 'available',
    SupportsGlobalDatabases: engine === 'aurora-mysql',
    TagList: [],
  };
}

const describeDbEngineVersions = action<DescribeDBEngineVersionsMessage, DBEngineVersionMessage>(
  DescribeDBEngineVersions$,
  (input) => {
    const engines = input.Engine ? [input.Engine.toLowerCase()] : Object.keys(ENGINES);
    const all = engines.flatMap((engine) => {
      const spec = ENGINES[engine];
      if (!spec || (input.DBParameterGroupFamily && spec.family !== input.DBParameterGroupFamily)) return [];
      return spec.versions
        .filter((v) => !input.EngineVersion || v === input.EngineVersion || input.EngineVersion === '8.0')
        .filter((v) => !input.DefaultOnly || v === spec.defaultVersion)
        .map((v) => engineVersionView(engine, spec, v));
    });
    if (input.Engine && !ENGINES[input.Engine.toLowerCase()]) throw invalidValue(`Invalid DB engine: ${input.Engine}`);
    const page = paginate(all, { token: input.Marker, size: input.MaxRecords }, rdsRules('db-engine-versions'));
    return { DBEngineVersions: page.items, Marker: page.next };
  },
);

export const rdsEngineActions = { DescribeDBEngineVersions: describeDbEngineVersions };
