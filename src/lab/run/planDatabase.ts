// Track 2's plans: each step's questions with seed 004's and seed 003's names (those of what exists, when it does),
// and why a step cannot run yet (what it builds on is not there). plan.ts asks here for 2.x.
import { checkStep } from '../checks/checks';
import { reason } from '../codes';
import { findDatabaseRoles, type DatabaseRoles } from '../database';
import { auroraNames, namesOf, type LayoutId } from '../layout';
import type { LabRoles } from '../roles';
import type { CheckInput, StepId, StepOption } from '../types';
import { text } from './optionKit';

/** "Do it again?" once a failover is on record (2.5, 2.7): a rerun does nothing unless asked. */
function againOption(id: StepId, input: CheckInput): StepOption[] {
  if (checkStep(id, input).status !== 'passed') return [];
  return [
    {
      key: 'again',
      code: 'option.failoverAgain',
      kind: 'choice',
      default: 'no',
      choices: [
        { value: 'no', code: 'choice.failoverAgainNo' },
        { value: 'yes', code: 'choice.failoverAgainYes' },
      ],
    },
  ];
}

const dbClass = (classes: readonly string[], freeTier: boolean): StepOption => ({
  key: 'instanceClass',
  code: 'option.dbInstanceClass',
  kind: 'choice',
  default: classes[0] ?? '',
  choices: classes.map((c) => ({
    value: c,
    code: 'choice.dbClass',
    args: { instanceClass: c, freeTier: freeTier ? 'yes' : '' },
  })),
});

/** An AZ of the DB subnet group (any, before there is one: AWS then says which it lacks). */
function dbAz(key: string, code: string, azs: readonly string[], preferred: string): StepOption {
  return {
    key,
    code,
    kind: 'choice',
    default: azs.length === 0 || azs.includes(preferred) ? preferred : (azs[0] ?? preferred),
    choices: azs.map((az) => ({ value: az, code: 'choice.az', args: { az, note: '' } })),
  };
}

/** Track 2's questions, with seed 004's and seed 003's names (those of what exists, when it does). */
export function databaseOptions(id: StepId, input: CheckInput, db: DatabaseRoles): StepOption[] {
  const names = namesOf(input.layout, input.inventory.student).database;
  const region = input.inventory.context.region;
  const azs = db.subnetGroup?.azs ?? [];
  const aurora = auroraNames(input.inventory.student);
  switch (id) {
    case '2.1':
      return [
        text('securityGroup', 'option.dbSecurityGroupName', db.dbGroups[0]?.name ?? names.securityGroup),
        text('subnetGroup', 'option.dbSubnetGroupName', db.subnetGroup?.name ?? names.subnetGroup),
      ];
    case '2.2':
      return [
        text('name', 'option.dbInstanceName', db.instance?.id ?? names.instance),
        dbClass(['db.t3.micro', 'db.t4g.micro'], true),
        dbAz('az', 'option.az', azs, `${region}a`),
        text('masterUser', 'option.masterUser', db.instance?.masterUsername ?? names.masterUser),
        text('dbName', 'option.dbName', db.instance?.dbName ?? names.dbName),
      ];
    case '2.6':
      return [
        text('cluster', 'option.clusterName', db.cluster?.id ?? aurora.cluster),
        text('writer', 'option.writerName', aurora.writer),
        text('reader', 'option.readerName', aurora.reader),
        dbAz('writerAz', 'option.writerAz', azs, `${region}a`),
        dbAz('readerAz', 'option.readerAz', azs, `${region}${aurora.readerAz}`),
        dbClass(['db.t3.medium', 'db.t4g.medium'], false),
        text('masterUser', 'option.masterUser', db.cluster?.masterUsername ?? names.masterUser),
        text('dbName', 'option.dbName', db.cluster?.databaseName ?? names.dbName),
      ];
    case '2.7': {
      const readers = db.cluster?.members.filter((m) => !m.isWriter) ?? [];
      return [
        {
          key: 'target',
          code: 'option.failoverTarget',
          kind: 'choice',
          default: (readers.find((r) => r.instanceId === aurora.reader) ?? readers[0])?.instanceId ?? '',
          choices: readers.map((r) => ({
            value: r.instanceId,
            code: 'choice.instance',
            args: { name: r.instanceId, id: r.instanceId, az: r.az ?? '' },
          })),
        },
        ...againOption(id, input),
      ];
    }
    default:
      return againOption(id, input);
  }
}

/** Why a track 2 step cannot run yet: what it builds on is not there (2.1's network, 2.2's database, 2.6's cluster). */
export function databaseBlocker(id: StepId, input: CheckInput, roles: LabRoles, layout?: LayoutId) {
  const inv = input.inventory;
  const db = findDatabaseRoles(inv, roles, layout);
  const names = namesOf(layout, inv.student).database;
  const aurora = auroraNames(inv.student);
  if ((id === '2.2' && !db.instance) || (id === '2.6' && !db.cluster)) {
    if (db.dbGroups.length === 0) {
      const webGroup = db.webGroupIds.map((g) => inv.securityGroups.find((x) => x.id === g)?.name ?? g).join(', ');
      return reason('dbSg.missing', { name: names.securityGroup, webGroup, port: names.port });
    }
    if (!db.subnetGroup) return reason('dbSubnetGroup.missing', { name: names.subnetGroup });
  }
  if (id === '2.3' || id === '2.4' || id === '2.5') {
    if (!db.instance) return reason('db.missing', { name: names.instance });
    if (id === '2.5' && !db.instance.multiAz) return reason('multiAz.off', { name: db.instance.id });
  }
  if (id === '2.7') {
    if (!db.cluster) return reason('aurora.missing', { name: aurora.cluster });
    if (!db.cluster.members.some((m) => !m.isWriter))
      return reason('aurora.noReader', { name: db.cluster.id, reader: aurora.reader, az: aurora.readerAz });
  }
  return undefined;
}
