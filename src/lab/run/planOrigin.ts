// 1.2 and 1.3 as seed 001 does them, in a layout with an origin (LabNames.origin): 1.2 stops WebServer before it
// makes the AMI (from the instance, the handout's ②, by default), and 1.3 launches image1server and image2server
// from it while WebServer is still the web server found. What each asks, and what the plan says it will do. Pure.
import type { Inventory } from '../../aws/types';
import { reason } from '../codes';
import { namesOf, type LayoutId } from '../layout';
import { awaitsFirstServer, originStopped, originToStop } from '../origin';
import { labImageName, type LabRoles } from '../roles';
import type { Reason, StepOption, StepOptions } from '../types';
import { azChoice, azsWithSubnet, text } from './optionKit';

/** Whether the layout images an origin of its own (seed 001's WebServer) and it is there. */
export const imagesOrigin = (roles: LabRoles, layout: LayoutId | undefined) =>
  namesOf(layout).origin !== undefined && roles.origin !== undefined;

/** An AMI 1.2 can reuse (then it neither stops nor makes anything). */
const hasImage = (roles: LabRoles) => roles.images.some((i) => i.state === 'available' || i.state === 'pending');

/** 1.2's default method: the handout's ② (Create image from the stopped instance) when the layout has an origin. */
export function defaultImageMethod(roles: LabRoles, layout: LayoutId | undefined): 'snapshot' | 'instance' {
  if (imagesOrigin(roles, layout)) return 'instance';
  return roles.snapshots.some((s) => s.state === 'completed' || s.state === 'pending') ? 'snapshot' : 'instance';
}

/** Whether 1.2 asks NoReboot: only for an image of a running instance, which a stopped origin is not. */
export const asksNoReboot = (roles: LabRoles, layout: LayoutId | undefined, method: string) =>
  method === 'instance' && !imagesOrigin(roles, layout);

/** What 1.2 will do that its options do not say: stop WebServer first, or find it stopped already. */
export function imagePreview(roles: LabRoles, layout: LayoutId | undefined, imageName: string): Reason[] {
  if (hasImage(roles)) return [];
  const stop = originToStop(roles, layout);
  if (stop) return [reason('plan.stopOrigin', { name: stop.name ?? stop.id, image: imageName })];
  const stopped = originStopped(roles, layout);
  return stopped ? [reason('plan.originStopped', { name: stopped.name ?? stopped.id, image: imageName })] : [];
}

/** The two servers 1.3 launches while the origin is the web server: their names and AZs, from the answers. */
export interface ServerPair {
  readonly first: { readonly name: string; readonly az: string };
  /** Absent when image2server is there already (launched by hand, or by an interrupted run). */
  readonly second?: { readonly name: string; readonly az: string };
}

/** The AZ image1server goes to by default: WebServer's, unless image2server is there already. */
function firstAzDefault(azs: readonly string[], roles: LabRoles): string {
  const originAz = roles.origin?.az ?? '';
  const taken = roles.clone?.az;
  if (originAz !== taken && azs.includes(originAz)) return originAz;
  return azs.find((az) => az !== taken) ?? originAz;
}

/** 1.3's questions while WebServer is the web server: image1server's name and AZ, then image2server's. */
export function serverPairOptions(
  inv: Inventory,
  roles: LabRoles,
  layout: LayoutId | undefined,
  given: StepOptions,
): StepOption[] {
  const names = namesOf(layout, inv.student);
  const origin = roles.origin;
  const azs = azsWithSubnet(inv, origin?.vpcId);
  const first = azChoice(
    azs.filter((az) => az !== roles.clone?.az),
    firstAzDefault(azs, roles),
    origin?.az,
    'firstAz',
    'option.firstServerAz',
  );
  const options: StepOption[] = [text('firstName', 'option.firstServerName', names.webServer), first];
  if (roles.clone) return options;
  const firstAz = given.firstAz ?? first.default;
  return [
    ...options,
    text('name', 'option.secondServerName', names.clone),
    azChoice(
      azs.filter((az) => az !== firstAz),
      `${inv.context.region}d`,
      origin?.az,
      'az',
      'option.secondServerAz',
    ),
  ];
}

/** The pair from the resolved answers (launchServers' input). */
export function serverPair(
  roles: LabRoles,
  opts: Record<string, string>,
  layout: LayoutId | undefined,
  student?: string,
): ServerPair {
  const names = namesOf(layout, student);
  const first = { name: opts.firstName ?? names.webServer, az: opts.firstAz ?? roles.origin?.az ?? '' };
  if (roles.clone) return { first };
  return { first, second: { name: opts.name ?? names.clone, az: opts.az ?? '' } };
}

/** What 1.3 will launch, and from which AMI, in a layout with an origin (none said otherwise). */
export function launchPreview(
  roles: LabRoles,
  layout: LayoutId | undefined,
  opts: Record<string, string>,
  student?: string,
): Reason[] {
  if (namesOf(layout).origin === undefined) return [];
  const image = labImageName(roles);
  if (awaitsFirstServer(roles, layout)) {
    const pair = serverPair(roles, opts, layout, student);
    const origin = roles.origin?.name ?? roles.origin?.id ?? '';
    return [
      pair.second
        ? reason('plan.launchServers', {
            first: pair.first.name,
            firstAz: pair.first.az,
            second: pair.second.name,
            secondAz: pair.second.az,
            image,
            origin,
          })
        : reason('plan.launchServer', { name: pair.first.name, az: pair.first.az, image }),
    ];
  }
  if (roles.clone) return [];
  return [reason('plan.launchServer', { name: opts.name ?? namesOf(layout, student).clone, az: opts.az ?? '', image })];
}
