// Amazon's public AMIs, as every region offers them (Owners=amazon, or an ImageId the student copied
// from a handout). Not part of the saved state: the same catalog in every region, IDs derived from
// the region so they look regional and never change.
import { AMAZON_IMAGE_OWNER_ID } from '../core/constants';
import { derivedHex } from '../core/ids';
import type { ImageRecord } from '../core/records';

interface CatalogEntry {
  name: string;
  description: string;
  architecture: 'x86_64' | 'arm64';
  volumeType: string;
}

const CATALOG: CatalogEntry[] = [
  {
    name: 'al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64',
    description: 'Amazon Linux 2023 AMI 2023.6.20241121.0 x86_64 HVM kernel-6.1',
    architecture: 'x86_64',
    volumeType: 'gp3',
  },
  {
    name: 'al2023-ami-2023.6.20241121.0-kernel-6.1-arm64',
    description: 'Amazon Linux 2023 AMI 2023.6.20241121.0 arm64 HVM kernel-6.1',
    architecture: 'arm64',
    volumeType: 'gp3',
  },
  {
    name: 'amzn2-ami-kernel-5.10-hvm-2.0.20241113.1-x86_64-gp2',
    description: 'Amazon Linux 2 Kernel 5.10 AMI 2.0.20241113.1 x86_64 HVM gp2',
    architecture: 'x86_64',
    volumeType: 'gp2',
  },
];

const cache = new Map<string, ImageRecord[]>();

export function amazonImages(region: string): readonly ImageRecord[] {
  let images = cache.get(region);
  if (!images) {
    images = CATALOG.map((entry) => ({
      id: `ami-${derivedHex(17, region, entry.name)}`,
      name: entry.name,
      description: entry.description,
      state: 'available',
      ownerId: AMAZON_IMAGE_OWNER_ID,
      ownerAlias: 'amazon',
      public: true,
      creationDate: '2024-11-21T22:36:55.000Z',
      architecture: entry.architecture,
      platformDetails: 'Linux/UNIX',
      rootDeviceName: '/dev/xvda',
      blockDevices: [
        {
          device: '/dev/xvda',
          snapshotId: `snap-${derivedHex(17, region, entry.name, 'root')}`,
          sizeGiB: 8,
          volumeType: entry.volumeType,
          deleteOnTermination: true,
        },
      ],
      tags: {},
    }));
    cache.set(region, images);
  }
  return images;
}

/** The Amazon Linux 2023 x86_64 AMI of a region (what the lab launches WebServer from). */
export function amazonLinuxImage(region: string): ImageRecord {
  const image = amazonImages(region)[0];
  if (!image) throw new Error('empty AMI catalog');
  return image;
}
