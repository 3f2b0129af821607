// The cost of a NAT gateway: its hours at the region's rate while pending or available, its public IPv4 address
// once (as the Elastic IP it holds, or as its own when the inventory lists no such Elastic IP), the per-GB
// processing noted but not metered, nothing for one deleting, deleted or failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ElasticIp, Inventory, NatGateway } from '../../../src/aws/types';
import { estimateCost } from '../../../src/cost/estimate';
import { priceTable } from '../../../src/cost/prices';
import { LAB_ID, LAB_TAG } from '../../../src/lab/types';
import { edit, finishedLab } from '../../fixtures/labWorld';

const NAT_IP = '13.112.1.2';
const natEip: ElasticIp = {
  allocationId: 'eipalloc-nat',
  publicIp: NAT_IP,
  associationId: 'eipassoc-nat',
  networkInterfaceId: 'eni-nat',
  privateIp: '10.0.0.99',
  tags: { [LAB_TAG]: LAB_ID },
};
const nat = (changes: Partial<NatGateway> = {}): NatGateway => ({
  id: 'nat-0lab',
  name: 'Test-VPC-nat',
  vpcId: 'vpc-test',
  subnetId: 'subnet-public-1a',
  state: 'available',
  connectivity: 'public',
  publicIp: NAT_IP,
  tags: { [LAB_TAG]: LAB_ID },
  ...changes,
});

function prices(region: string) {
  const table = priceTable(region);
  assert.ok(table);
  return table;
}

/** The finished lab plus NAT gateways (and the NAT's Elastic IP when `withEip`), in `region`. */
function world(nats: NatGateway[], withEip = true, region = 'ap-northeast-1'): Inventory {
  const base = finishedLab();
  return edit(base, {
    context: { ...base.context, region },
    natGateways: nats,
    elasticIps: [...base.elasticIps, ...(withEip ? [natEip] : [])],
  });
}

const now = new Date('2026-11-23T10:00:00.000Z');

test('Tokyo: an available NAT gateway bills 0.062 USD/h, its Elastic IP 0.005 USD/h once, in use (not idle)', () => {
  const without = estimateCost(world([], false), { prices: prices('ap-northeast-1'), now });
  const e = estimateCost(world([nat()]), { prices: prices('ap-northeast-1'), now });
  const natItems = e.items.filter((i) => i.kind === 'natGateway');
  assert.equal(natItems.length, 1);
  assert.equal(natItems[0]?.resourceId, 'nat-0lab');
  assert.equal(natItems[0]?.hourlyUsd, 0.062);
  assert.equal(natItems[0]?.monthlyUsd, 45.26);
  assert.equal(natItems[0]?.labCreated, true);
  assert.equal(natItems[0]?.detail.processing, 'notMetered');
  // The NAT's address is the Elastic IP it holds: one address item, none for the NAT itself.
  const addresses = e.items.filter((i) => i.kind === 'publicIpv4' && i.detail.address === NAT_IP);
  assert.equal(addresses.length, 1);
  assert.equal(addresses[0]?.resourceId, 'eipalloc-nat');
  assert.equal(addresses[0]?.detail.natGatewayId, 'nat-0lab');
  assert.equal(addresses[0]?.detail.state, undefined);
  assert.equal(e.ipv4.addresses, without.ipv4.addresses + 1);
  assert.equal(e.hourlyUsd, Math.round((without.hourlyUsd + 0.062 + 0.005) * 1e6) / 1e6);
});

test('N. Virginia: 0.045 USD/h; the free tier covers neither the NAT gateway nor its address', () => {
  const e = estimateCost(world([nat()], true, 'us-east-1'), { prices: prices('us-east-1'), now, freeTier: true });
  const item = e.items.find((i) => i.kind === 'natGateway');
  assert.equal(item?.hourlyUsd, 0.045);
  assert.equal(item?.freeTier, false);
  const address = e.items.find((i) => i.resourceId === 'eipalloc-nat');
  assert.equal(address?.hourlyUsd, 0.005);
  assert.equal(address?.freeTier, false);
});

test('a NAT address the inventory lists no Elastic IP for is counted with the NAT gateway; a private one has none', () => {
  const e = estimateCost(
    world([nat(), nat({ id: 'nat-0priv', connectivity: 'private', publicIp: undefined })], false),
    {
      prices: prices('ap-northeast-1'),
      now,
    },
  );
  assert.deepEqual(
    e.items.filter((i) => i.kind === 'natGateway').map((i) => [i.resourceId, i.hourlyUsd]),
    [
      ['nat-0lab', 0.062],
      ['nat-0priv', 0.062],
    ],
  );
  const own = e.items.filter((i) => i.kind === 'publicIpv4' && i.detail.source === 'natGateway');
  assert.deepEqual(
    own.map((i) => [i.resourceId, i.detail.address, i.hourlyUsd]),
    [['nat-0lab', NAT_IP, 0.005]],
  );
});

test('pending bills; deleting, deleted and failed NAT gateways do not', () => {
  const e = estimateCost(
    world(
      [
        nat({ id: 'nat-pending', state: 'pending' }),
        nat({ id: 'nat-deleting', state: 'deleting', publicIp: undefined }),
        nat({ id: 'nat-deleted', state: 'deleted', publicIp: undefined }),
        nat({ id: 'nat-failed', state: 'failed', publicIp: undefined }),
      ],
      false,
    ),
    { prices: prices('ap-northeast-1'), now },
  );
  assert.deepEqual(
    e.items.filter((i) => i.kind === 'natGateway').map((i) => i.resourceId),
    ['nat-pending'],
  );
});
