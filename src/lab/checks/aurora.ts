// Track 2's Aurora variant (seed 003): 2.6 a cluster with a writer and a reader in another AZ, private, guarded by
// the database group; 2.7 a failover that swapped writer and reader (from the cluster's events and its members).
import { reason } from '../codes';
import { eventsOf, type DatabaseRoles } from '../database';
import { auroraNames } from '../layout';
import type { LabRoles } from '../roles';
import type { CheckInput, CheckResult } from '../types';
import { databaseProblems } from './database';
import { resultOf, waiting, type Problem } from './kit';

/** AWS's words: "Completed failover to DB instance: wp-user05-slave". */
const FAILOVER_TO = /completed failover to db instance:?\s*(\S+)/i;
const FAILOVER_STARTED = /started (cross az )?failover/i;

/** 2.6: the cluster available with its writer and at least one reader in another AZ, each private. */
export function checkAurora(input: CheckInput, _roles: LabRoles, db: DatabaseRoles): CheckResult {
  const inv = input.inventory;
  const names = auroraNames(input.inventory.student);
  const c = db.cluster;
  if (!c) return resultOf('2.6', [{ reason: reason('aurora.missing', { name: names.cluster }) }]);
  const problems: Problem[] = [];
  if (c.status !== 'available')
    problems.push({ reason: reason('aurora.notAvailable', { name: c.id, status: c.status }) });
  const writer = c.members.find((m) => m.isWriter);
  const readers = c.members.filter((m) => !m.isWriter);
  if (!writer) problems.push({ reason: reason('aurora.noWriter', { name: c.id, writer: names.writer }) });
  if (readers.length === 0) {
    problems.push({ reason: reason('aurora.noReader', { name: c.id, reader: names.reader, az: names.readerAz }) });
  } else if (writer?.az && readers.every((r) => r.az === writer.az)) {
    problems.push({ reason: reason('aurora.sameAz', { name: c.id, az: writer.az }) });
  }
  for (const member of db.clusterInstances) {
    if (member.status !== 'available')
      problems.push({ reason: reason('aurora.memberNotAvailable', { name: member.id, status: member.status }) });
  }
  const first = db.clusterInstances[0];
  if (first) {
    // The members share the cluster's groups; each may be public on its own.
    const shared = databaseProblems(
      inv,
      db,
      { ...first, securityGroupIds: c.securityGroupIds, publiclyAccessible: false },
      c.port ?? 3306,
    );
    problems.push(...shared);
    for (const m of db.clusterInstances.filter((i) => i.publiclyAccessible))
      problems.push({ reason: reason('db.public', { name: m.id }) });
  }
  return resultOf('2.6', problems, {
    name: c.id,
    writer: writer?.instanceId,
    writerAz: writer?.az,
    reader: readers[0]?.instanceId,
    readerAz: readers[0]?.az,
    endpoint: c.endpoint,
    readerEndpoint: c.readerEndpoint,
  });
}

/** 2.7: the cluster failed over, and the instance it failed over to is the writer now. */
export function checkAuroraFailover(input: CheckInput, _roles: LabRoles, db: DatabaseRoles): CheckResult {
  const c = db.cluster;
  if (!c)
    return waiting('2.7', '2.6', reason('aurora.missing', { name: auroraNames(input.inventory.student).cluster }));
  if (!c.members.some((m) => !m.isWriter))
    return waiting(
      '2.7',
      '2.6',
      reason('aurora.noReader', {
        name: c.id,
        reader: auroraNames(input.inventory.student).reader,
        az: auroraNames(input.inventory.student).readerAz,
      }),
    );
  const events = eventsOf(input.inventory, c.id);
  const done = events.filter((e) => FAILOVER_TO.test(e.message)).at(-1);
  const started = events.filter((e) => FAILOVER_STARTED.test(e.message)).at(-1);
  const writer = c.members.find((m) => m.isWriter);
  if (c.status === 'failing-over' || (started && (!done || Date.parse(started.date) > Date.parse(done.date))))
    return resultOf('2.7', [{ reason: reason('auroraFailover.inProgress', { name: c.id }) }]);
  if (!done)
    return resultOf('2.7', [
      { reason: reason('auroraFailover.none', { name: c.id, writer: writer?.instanceId ?? '' }) },
    ]);
  const target = FAILOVER_TO.exec(done.message)?.[1]?.replace(/[.,]$/, '');
  return resultOf('2.7', [], {
    name: c.id,
    writer: writer?.instanceId,
    writerAz: writer?.az,
    failedOverTo: target,
    at: done.date,
  });
}
