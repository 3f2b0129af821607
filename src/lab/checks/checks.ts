// checkStep / checkAll: pure functions of the inventory and the observed pages. They pass whether the student
// used our commands or the AWS console (resources are found by role: see roles.ts).
import { checkDiagnosis, checkLoadBalancer, checkSecured, checkTally } from './balancer';
import { checkAvailability } from './exercise';
import { checkAurora, checkAuroraFailover } from './aurora';
import { checkDatabase, checkDatabaseNetwork, checkWebUsesDatabase } from './database';
import { checkFailover, checkMultiAz } from './multiAz';
import { checkSubnets, checkVpc } from './network';
import { checkPrivateTier } from './privateTier';
import { checkLaunchTemplate, checkScalingGroup } from './scaling';
import { checkScalingPolicies } from './scalingPolicies';
import { checkScalingExercise, checkSelfHealing } from './scalingActivities';
import { checkWebTier } from './webTier';
import {
  checkClone,
  checkCloneAddress,
  checkEditedPage,
  checkElasticIp,
  checkImage,
  checkSnapshot,
  checkWebServer,
} from './server';
import type { InventorySection } from '../../aws/types';
import { unknown, unreadable, waiting } from './kit';
import { awaitsFirstServer, firstServerMissing, ON_BOTH_SERVERS } from '../origin';
import { findDatabaseRoles, type DatabaseRoles } from '../database';
import { findRoles, type LabRoles } from '../roles';
import { findScalingRoles, type ScalingRoles } from '../scaling';
import { handoutStep, labSteps } from '../tracks';
import type { CheckInput, CheckResult, StepId, TrackId } from '../types';

/** Track 2's checks judge the database tier found from the web tier's roles. */
const onDatabase =
  (check: (input: CheckInput, roles: LabRoles, db: DatabaseRoles) => CheckResult) =>
  (input: CheckInput, roles: LabRoles) =>
    check(input, roles, findDatabaseRoles(input.inventory, roles, input.layout));

/** Track 3's checks judge the group found from the lab's target group (and its template, policies, alarms). */
const onScaling =
  (check: (input: CheckInput, roles: LabRoles, scaling: ScalingRoles) => CheckResult) =>
  (input: CheckInput, roles: LabRoles) =>
    check(input, roles, findScalingRoles(input.inventory, roles, input.layout));

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
  '2.1': onDatabase(checkDatabaseNetwork),
  '2.2': onDatabase(checkDatabase),
  '2.3': onDatabase(checkWebUsesDatabase),
  '2.4': onDatabase(checkMultiAz),
  '2.5': onDatabase(checkFailover),
  '2.6': onDatabase(checkAurora),
  '2.7': onDatabase(checkAuroraFailover),
  '3.1': onScaling(checkLaunchTemplate),
  '3.2': onScaling(checkScalingGroup),
  '3.3': onScaling(checkScalingPolicies),
  '3.4': onScaling(checkScalingExercise),
  '3.5': onScaling(checkSelfHealing),
  '4.1': checkVpc,
  '4.2': checkSubnets,
  '4.3': checkWebTier,
  '4.4': checkPrivateTier,
};

const DATABASE_TIER: readonly InventorySection[] = ['network', 'instances', 'securityGroups', 'databases'];
/** Track 3: the lab's roles (AMI, web group, load balancer and target group) and the Auto Scaling section. */
const SCALING_TIER: readonly InventorySection[] = [
  'network',
  'instances',
  'storage',
  'securityGroups',
  'loadBalancing',
  'autoScaling',
];

/**
 * The sections of the inventory each check decides from. When one failed to load, the check cannot tell "not
 * there" from "not readable", so it says the account could not be read instead of passing or failing.
 */
const READS: Readonly<Record<StepId, readonly InventorySection[]>> = {
  '0.1': ['instances'],
  '0.2': ['instances', 'addresses'],
  '1.1': ['instances', 'storage'],
  '1.2': ['instances', 'storage'],
  '1.3': ['instances', 'storage', 'securityGroups'],
  '1.4': ['instances', 'addresses'],
  '1.5': ['instances'],
  '1.6': ['instances', 'loadBalancing', 'securityGroups', 'network'],
  '1.7': ['instances', 'loadBalancing', 'securityGroups', 'network'],
  '1.8': ['loadBalancing'],
  '1.9': ['instances', 'loadBalancing', 'securityGroups', 'network'],
  '1.10': ['instances', 'loadBalancing'],
  // The database tier is found from the web tier's groups and VPC (a database not named as the handout names it is
  // the one those groups guard).
  '2.1': DATABASE_TIER,
  '2.2': DATABASE_TIER,
  '2.3': DATABASE_TIER,
  '2.4': DATABASE_TIER,
  '2.5': DATABASE_TIER,
  '2.6': DATABASE_TIER,
  '2.7': DATABASE_TIER,
  '3.1': SCALING_TIER,
  '3.2': SCALING_TIER,
  // The policies, alarms and activities are all in the Auto Scaling section; the roles find the group.
  '3.3': SCALING_TIER,
  '3.4': SCALING_TIER,
  '3.5': SCALING_TIER,
  '4.1': ['network'],
  '4.2': ['network'],
  '4.3': ['network', 'instances'],
  '4.4': ['network', 'instances', 'loadBalancing', 'securityGroups'],
};

/**
 * Sections that only shape a failure's cause: a pass from the pages seen stands without them, but a failure could
 * name the wrong cause (after 1.9 a page is judged through the load balancer, known only from these).
 */
const EXPLAINS: Readonly<Partial<Record<StepId, readonly InventorySection[]>>> = {
  '0.1': ['securityGroups', 'loadBalancing'],
  '0.2': ['securityGroups', 'loadBalancing'],
  '1.5': ['securityGroups', 'loadBalancing', 'storage'],
  '1.8': ['instances', 'securityGroups', 'network'],
  '4.3': ['securityGroups', 'loadBalancing', 'addresses'],
  '4.4': ['addresses'],
};

/** Every section a check may read: a scoped inventory without one of them cannot be judged. */
export function sectionsJudged(id: StepId): readonly InventorySection[] {
  return [...new Set([...READS[id], ...(EXPLAINS[id] ?? [])])];
}

/**
 * Where a pass is judged from fewer sections than a failure is explained from (the web server, its page and its
 * groups; not the load balancer that would explain why the page is closed): a runner's check after reads these,
 * and reads again in full when the step did not pass.
 */
const PASSES_FROM: Readonly<Partial<Record<StepId, readonly InventorySection[]>>> = {
  '4.1': ['network'],
  '4.2': ['network'],
  '4.3': ['network', 'instances', 'securityGroups', 'addresses'],
  // An Elastic IP on a private server shows as its public address; the address itself only names the fix.
  '4.4': ['network', 'instances', 'loadBalancing', 'securityGroups'],
};

export function sectionsToPass(id: StepId): readonly InventorySection[] | undefined {
  return PASSES_FROM[id];
}

/** A scoped inventory left out a section this check reads: read it whole and judge again. */
export class SectionNotRead extends Error {
  constructor(
    readonly step: StepId,
    readonly sections: readonly InventorySection[],
  ) {
    super(`check ${step} reads ${sections.join(', ')}, which this inventory did not read`);
  }
}

/** Waiting on a step the handout does not have (seed 003's 0.1) is waiting on the step doing its part (4.3). */
function onHandoutStep(result: CheckResult, layout: CheckInput['layout']): CheckResult {
  if (result.status !== 'waiting') return result;
  const on = handoutStep(result.on, layout);
  return on === result.on ? result : { ...result, on };
}

function judge(id: StepId, input: CheckInput, roles: LabRoles): CheckResult {
  const check = CHECKS[id];
  if (!check) throw new RangeError(`unknown lab step: ${id}`);
  // A section not read is empty for want of asking: judging from it would be a wrong verdict, not an unknown one.
  const read = input.inventory.sections;
  const notRead = (sections: readonly InventorySection[]) => (read ? sections.filter((s) => !read.includes(s)) : []);
  if (notRead(READS[id]).length > 0) throw new SectionNotRead(id, notRead(READS[id]));
  const missing = unreadable(input.inventory, READS[id]);
  if (missing.length > 0) return unknown(id, missing);
  // Seed 001: the steps on both servers wait while WebServer, stopped to be imaged, is still the web server.
  if (ON_BOTH_SERVERS.includes(id) && awaitsFirstServer(roles, input.layout))
    return waiting(id, '1.3', firstServerMissing(roles, input.layout, input.inventory.student));
  const result = onHandoutStep(check(input, roles), input.layout);
  if (result.status === 'passed') return result;
  const unasked = notRead(EXPLAINS[id] ?? []);
  if (unasked.length > 0) throw new SectionNotRead(id, unasked);
  const unexplained = unreadable(input.inventory, EXPLAINS[id] ?? []);
  return unexplained.length > 0 ? unknown(id, unexplained) : result;
}

export function checkStep(id: StepId, input: CheckInput): CheckResult {
  if (!CHECKS[id]) throw new RangeError(`unknown lab step: ${id}`);
  return judge(id, input, findRoles(input.inventory, input.observations, input.layout));
}

/** Every step of the handout's in order (only the given tracks' when given); the roles are found once. */
export function checkAll(input: CheckInput, track?: TrackId | readonly TrackId[]): CheckResult[] {
  const roles = findRoles(input.inventory, input.observations, input.layout);
  const tracks = track === undefined ? undefined : typeof track === 'string' ? [track] : track;
  return labSteps(input.layout)
    .filter((s) => tracks === undefined || tracks.includes(s.track))
    .map((s) => judge(s.id, input, roles));
}
