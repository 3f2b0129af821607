// The root volume of an instance (1.1 snapshots it): the mapping on RootDeviceName, else the only EBS mapping.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type * as EC2 from '@aws-sdk/client-ec2';
import { mapInstances, type InstanceJoins } from '../../../src/aws/inventory/compute';

const instance = (root: string, mappings: [string, string][]): EC2.Instance => ({
  InstanceId: 'i-0123456789abcdef0',
  State: { Name: 'running' },
  RootDeviceName: root,
  BlockDeviceMappings: mappings.map(([DeviceName, VolumeId]) => ({ DeviceName, Ebs: { VolumeId } })),
});
const joins: InstanceJoins = {
  addresses: [],
  volumes: [{ VolumeId: 'vol-1', Size: 8, VolumeType: 'gp3' }],
  securityGroups: [],
};

describe('root volume', () => {
  it('is the mapping on RootDeviceName', () => {
    const [i] = mapInstances(
      [
        instance('/dev/xvda', [
          ['/dev/xvdb', 'vol-2'],
          ['/dev/xvda', 'vol-1'],
        ]),
      ],
      joins,
    );
    assert.deepEqual(i?.rootVolume, { volumeId: 'vol-1', deviceName: '/dev/xvda', sizeGiB: 8, volumeType: 'gp3' });
  });

  it('falls back to the one EBS mapping when RootDeviceName names none (/dev/sda1 attached as /dev/xvda)', () => {
    const [i] = mapInstances([instance('/dev/sda1', [['/dev/xvda', 'vol-1']])], joins);
    assert.equal(i?.rootVolume?.volumeId, 'vol-1');
    assert.equal(i?.rootVolume?.deviceName, '/dev/xvda');
  });

  it('is unknown when no name matches and there are several EBS mappings', () => {
    const [i] = mapInstances(
      [
        instance('/dev/sda1', [
          ['/dev/xvda', 'vol-1'],
          ['/dev/xvdb', 'vol-2'],
        ]),
      ],
      joins,
    );
    assert.equal(i?.rootVolume, undefined);
  });
});
