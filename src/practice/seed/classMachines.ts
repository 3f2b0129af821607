// A class's machines, seeded as the records RunInstances, CreateImage, CreateKeyPair and AllocateAddress leave:
// the student's key pair, their web servers (Amazon Linux with httpd serving the sample app), the AMI
// "sampleapp userNN" made from webserver#1 (a snapshot of its root volume, its files), and Elastic IPs.
import { allocatePrivateIp, allocatePublicIp, macAddress } from '../core/addressing';
import { PRACTICE_ACCOUNT_ID, PRACTICE_REGION } from '../core/constants';
import type { FileRecord, ImageRecord, InstanceRecord, KeyPairRecord, SubnetRecord, Tags } from '../core/records';
import { amazonLinuxImage } from '../ec2/amazonImages';
import { seededKeyMaterial } from '../ec2/keyMaterial';
import { installHttpd } from '../machine/httpd';
import { AUTHORIZED_KEYS, amazonLinuxFiles, copyFiles } from '../machine/imageFiles';
import { isoAgo, MINUTE, type ClassSeeding } from './classNetwork';
import { WEB_ROOT } from './webServerPage';

/** Seed 003's sample app, as its web servers serve it at `/` (the same page on both: one AMI). */
export function sampleAppPage(student: string): string {
  return `<!DOCTYPE html>\n<html>\n<head><meta charset="UTF-8"><title>sampleapp</title></head>\n<body>\n<h1>Sample App</h1>\n<p>${student}</p>\n</body>\n</html>\n`;
}

export function addKeyPair(seeding: ClassSeeding, name: string, tags: Tags): KeyPairRecord {
  const key = seededKeyMaterial(`practice-account/class/${name}`, name);
  const record: KeyPairRecord = {
    id: seeding.world.newId('key'),
    name,
    type: 'ed25519',
    fingerprint: key.fingerprint,
    createTime: isoAgo(seeding, 180 * MINUTE),
    publicKey: key.publicKey,
    privateKeyPem: key.privateKeyPem,
    tags,
  };
  seeding.records.keyPairs.push(record);
  return record;
}

export interface Launch {
  readonly subnet: SubnetRecord;
  readonly groupIds: readonly string[];
  readonly key?: KeyPairRecord;
  /** Absent: Amazon Linux from Amazon's catalog, with httpd and the sample app installed by user data. */
  readonly image?: ImageRecord;
  /** The page the sample app serves (when launched from Amazon's image). */
  readonly page?: string;
  readonly type?: string;
  readonly tags: Tags;
  /** Tags of its root volume (the runners tag it as the instance; the console leaves it bare). */
  readonly volumeTags: Tags;
  readonly launchedAgo: number;
  /** Stopped by the student (`running` otherwise). */
  readonly stopped?: boolean;
}

/** An instance and its root volume, running (or stopped), with a public address when its subnet gives one. */
export function addInstance(seeding: ClassSeeding, launch: Launch): InstanceRecord {
  const { world, records } = seeding;
  const image = launch.image ?? amazonLinuxImage(PRACTICE_REGION);
  const launchTime = isoAgo(seeding, launch.launchedAgo);
  const id = world.newId('i');
  const volumeId = world.newId('vol');
  const privateIp = allocatePrivateIp(world, launch.subnet.cidr, seeding.usedPrivate);
  seeding.usedPrivate.add(privateIp);
  const publicIp =
    launch.subnet.mapPublicIpOnLaunch && !launch.stopped ? allocatePublicIp(world, seeding.usedPublic) : undefined;
  if (publicIp) seeding.usedPublic.add(publicIp);
  const root = image.blockDevices[0];
  records.volumes.push({
    id: volumeId,
    sizeGiB: root?.sizeGiB ?? 8,
    type: 'gp3',
    iops: 3000,
    throughput: 125,
    state: 'in-use',
    az: launch.subnet.az,
    snapshotId: root?.snapshotId,
    encrypted: false,
    createTime: launchTime,
    attachment: { instanceId: id, device: '/dev/xvda', attachTime: launchTime, deleteOnTermination: true },
    tags: launch.volumeTags,
  });
  const files: Record<string, FileRecord> = launch.image?.files
    ? copyFiles(launch.image.files)
    : {
        ...amazonLinuxFiles(image),
        [`${WEB_ROOT}/index.html`]: { content: launch.page ?? '', owner: 'root', mode: 0o644 },
      };
  if (launch.key) files[AUTHORIZED_KEYS] = { content: `${launch.key.publicKey}\n`, owner: 'ec2-user', mode: 0o600 };
  // User data ran `dnf install -y httpd` and `systemctl enable --now httpd`; a stopped instance's /run is empty.
  installHttpd(files, { enable: true, start: !launch.stopped });
  const instance: InstanceRecord = {
    id,
    reservationId: world.newId('r'),
    imageId: image.id,
    type: launch.type ?? 't2.micro',
    state: launch.stopped ? 'stopped' : 'running',
    ...(launch.stopped
      ? {
          stateReason: {
            code: 'Client.UserInitiatedShutdown',
            message: 'Client.UserInitiatedShutdown: User initiated shutdown',
          },
          stateTransitionReason: `User initiated (${isoAgo(seeding, 20 * MINUTE)
            .replace('T', ' ')
            .slice(0, 19)} GMT)`,
        }
      : {}),
    az: launch.subnet.az,
    subnetId: launch.subnet.id,
    vpcId: launch.subnet.vpcId,
    privateIp,
    ...(publicIp ? { autoPublicIp: publicIp } : {}),
    ...(launch.key ? { keyName: launch.key.name } : {}),
    securityGroupIds: [...launch.groupIds],
    launchTime,
    architecture: 'x86_64',
    platformDetails: 'Linux/UNIX',
    rootDeviceName: '/dev/xvda',
    blockDevices: [{ device: '/dev/xvda', volumeId, attachTime: launchTime, deleteOnTermination: true }],
    eni: { id: world.newId('eni'), attachmentId: world.newId('eni-attach'), macAddress: macAddress(world) },
    tags: launch.tags,
    files,
    autoAssignPublicIp: launch.subnet.mapPublicIpOnLaunch,
  };
  records.instances.push(instance);
  return instance;
}

/** CreateImage of an instance, completed: a snapshot of its root volume and the AMI carrying its files. */
export function addImageOf(
  seeding: ClassSeeding,
  instance: InstanceRecord,
  name: string,
  tags: { image: Tags; snapshot: Tags },
  madeAgo: number,
): ImageRecord {
  const { world, records } = seeding;
  const imageId = world.newId('ami');
  const volume = records.volumes.find((v) => v.attachment?.instanceId === instance.id);
  const snapshotId = world.newId('snap');
  const startTime = isoAgo(seeding, madeAgo);
  records.snapshots.push({
    id: snapshotId,
    volumeId: volume?.id ?? 'vol-ffffffff',
    sizeGiB: volume?.sizeGiB ?? 8,
    state: 'completed',
    progress: 100,
    description: `Created by CreateImage(${instance.id}) for ${imageId}`,
    startTime,
    encrypted: false,
    tags: tags.snapshot,
    files: copyFiles(instance.files),
  });
  const image: ImageRecord = {
    id: imageId,
    name,
    // Seed 003 types the same words as the image's description.
    description: name,
    state: 'available',
    ownerId: PRACTICE_ACCOUNT_ID,
    public: false,
    creationDate: startTime,
    architecture: instance.architecture,
    platformDetails: instance.platformDetails,
    rootDeviceName: instance.rootDeviceName,
    blockDevices: [
      {
        device: '/dev/xvda',
        snapshotId,
        sizeGiB: volume?.sizeGiB ?? 8,
        volumeType: volume?.type ?? 'gp3',
        deleteOnTermination: true,
      },
    ],
    files: copyFiles(instance.files),
    sourceInstanceId: instance.id,
    tags: tags.image,
    enaSupport: true,
  };
  records.images.push(image);
  return image;
}

/** An Elastic IP, not associated with anything. */
export function addLooseAddress(seeding: ClassSeeding, tags: Tags): void {
  const publicIp = allocatePublicIp(seeding.world, seeding.usedPublic);
  seeding.usedPublic.add(publicIp);
  seeding.records.addresses.push({ allocationId: seeding.world.newId('eipalloc'), publicIp, tags });
}
