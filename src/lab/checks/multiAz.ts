// Track 2's redundancy for RDS MySQL (seed 004 §9-10): 2.4 Multi-AZ with a standby in another AZ, 2.5 a reboot with
// failover that moved the primary there. A failover is known from the database's own events (DescribeEvents), so
// one made in the console counts as one made here.
import { reason } from '../codes';
import { eventsOf, type DatabaseRoles } from '../database';
import { namesOf } from '../layout';
import type { LabRoles } from '../roles';
import type { CheckInput, CheckResult } from '../types';
import { resultOf, waiting } from './kit';

/** AWS's words for a Multi-AZ failover that finished ("Multi-AZ instance failover completed"). */
const FAILOVER_DONE = /failover (completed|complete)/i;

/** 2.4: Multi-AZ applied (not pending), the standby in another AZ than the primary. */
export function checkMultiAz(input: CheckInput, _roles: LabRoles, db: DatabaseRoles): CheckResult {
  const d = db.instance;
  if (!d)
    return waiting(
      '2.4',
      '2.2',
      reason('db.missing', { name: namesOf(input.layout, input.inventory.student).database.instance }),
    );
  if (d.status === 'creating' || d.status === 'backing-up')
    return waiting('2.4', '2.2', reason('db.notAvailable', { name: d.id, status: d.status }));
  if (d.multiAz && d.secondaryAz && d.secondaryAz !== d.az) {
    return resultOf('2.4', [], { name: d.id, az: d.az, secondaryAz: d.secondaryAz });
  }
  if (d.status === 'modifying') return resultOf('2.4', [{ reason: reason('multiAz.modifying', { name: d.id }) }]);
  if (d.pendingMultiAz) return resultOf('2.4', [{ reason: reason('multiAz.pending', { name: d.id }) }]);
  return resultOf('2.4', [{ reason: reason('multiAz.off', { name: d.id }) }]);
}

/** 2.5: a reboot with failover happened since Multi-AZ, and the primary now runs in the former standby's AZ. */
export function checkFailover(input: CheckInput, _roles: LabRoles, db: DatabaseRoles): CheckResult {
  const d = db.instance;
  if (!d)
    return waiting(
      '2.5',
      '2.2',
      reason('db.missing', { name: namesOf(input.layout, input.inventory.student).database.instance }),
    );
  if (!d.multiAz) return waiting('2.5', '2.4', reason('multiAz.off', { name: d.id }));
  const failovers = eventsOf(input.inventory, d.id).filter(
    (e) => e.categories.includes('failover') || FAILOVER_DONE.test(e.message),
  );
  const done = failovers.filter((e) => FAILOVER_DONE.test(e.message)).at(-1);
  if (d.status === 'rebooting' || (failovers.length > 0 && !done))
    return resultOf('2.5', [{ reason: reason('failover.inProgress', { name: d.id, status: d.status }) }]);
  if (!done) return resultOf('2.5', [{ reason: reason('failover.none', { name: d.id, az: d.az ?? '' }) }]);
  return resultOf('2.5', [], { name: d.id, az: d.az, secondaryAz: d.secondaryAz, at: done.date });
}
