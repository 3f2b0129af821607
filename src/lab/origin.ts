// Seed 001's WebServer, the origin: stopped (①インスタンスの停止), imaged, and both web servers launched from its AMI
// (image1server and image2server). Until image1server is there the origin is the web server the roles find; once it
// is, WebServer plays no part but the AMI's source. A stopped origin is the handout's state, never a failure. Pure.
import type { Instance } from '../aws/types';
import { reason } from './codes';
import { namesOf, type LayoutId } from './layout';
import { labImageName, type LabRoles } from './roles';
import type { Reason, StepId } from './types';

const STOPPED = new Set(['stopping', 'stopped']);

/** Steps on both web servers: each waits for 1.3 while seed 001's WebServer is still the web server. */
export const ON_BOTH_SERVERS: readonly StepId[] = ['1.5', '1.6', '1.7', '1.8', '1.9', '1.10'];

/**
 * The layout's origin is still the web server found, stopped to be imaged or with no second server yet: the first
 * of the two servers is yet to launch from its AMI. A running WebServer with a clone beside it is a lab of two, as
 * in the other handouts.
 */
export function awaitsFirstServer(roles: LabRoles, layout: LayoutId | undefined): boolean {
  const origin = namesOf(layout).origin !== undefined ? roles.origin : undefined;
  if (!origin || origin.id !== roles.webServer?.id) return false;
  return STOPPED.has(origin.state) || !roles.clone;
}

/** The origin, stopped or stopping as seed 001 leaves it. */
export function originStopped(roles: LabRoles, layout: LayoutId | undefined): Instance | undefined {
  const origin = namesOf(layout).origin !== undefined ? roles.origin : undefined;
  return origin && STOPPED.has(origin.state) ? origin : undefined;
}

/** The origin 1.2 stops before it makes the AMI: there, and not stopped yet. */
export function originToStop(roles: LabRoles, layout: LayoutId | undefined): Instance | undefined {
  const origin = namesOf(layout).origin !== undefined ? roles.origin : undefined;
  return origin && !STOPPED.has(origin.state) ? origin : undefined;
}

/**
 * Why a step after 1.3 waits while the origin is the web server: image1server (and image2server, unless it is
 * there) are to be launched from the AMI first.
 */
export function firstServerMissing(roles: LabRoles, layout: LayoutId | undefined, student?: string): Reason {
  const names = namesOf(layout, student);
  const origin = roles.origin?.name ?? names.origin ?? '';
  const image = labImageName(roles);
  return roles.clone
    ? reason('origin.firstMissing', {
        first: names.webServer,
        clone: roles.clone.name ?? roles.clone.id,
        origin,
        image,
      })
    : reason('origin.serversMissing', { first: names.webServer, second: names.clone, origin, image });
}
