// checkStep / checkAll: pure functions of the inventory and the observed pages. They pass whether the student
// used our commands or the AWS console (resources are found by role: see roles.ts).
import { checkAvailability, checkDiagnosis, checkLoadBalancer, checkSecured, checkTally } from './checksBalancer';
import {
  checkClone,
  checkCloneAddress,
  checkEditedPage,
  checkElasticIp,
  checkImage,
  checkSnapshot,
  checkWebServer,
} from './checksServer';
import { findRoles, type LabRoles } from './roles';
import { STEPS } from './tracks';
import type { CheckInput, CheckResult, StepId, TrackId } from './types';

const CHECKS: Readonly<Record<StepId, (input: CheckInput, roles: LabRoles) => CheckResult>> = {
  '0.1': checkWebServer,
  '0.2': checkElasticIp,
  '1.1': checkSnapshot,
  '1.2': checkImage,
  '1.3': checkClone,
  '1.4': checkCloneAddress,
  '1.5': checkEditedPage,
  '1.6': checkLoadBalancer,
  '1.7': checkDiagnosis,
  '1.8': checkTally,
  '1.9': checkSecured,
  '1.10': checkAvailability,
};

export function checkStep(id: StepId, input: CheckInput): CheckResult {
  const check = CHECKS[id];
  if (!check) throw new RangeError(`unknown lab step: ${id}`);
  return check(input, findRoles(input.inventory, input.observations));
}

/** Every step's result in order (one track's when given); the roles are found once. */
export function checkAll(input: CheckInput, track?: TrackId): CheckResult[] {
  const roles = findRoles(input.inventory, input.observations);
  return STEPS.filter((s) => track === undefined || s.track === track).map((s) => CHECKS[s.id](input, roles));
}
