// What the Auto Scaling tests share: a practice account with track 1's web tier (WebServer, WebServer2, the ALB
// in 1a and 1d forwarding to the WebServers target group), an AMI of WebServer, the lab's launch template
// `WebServer-template` from it, and readers of the group as the real SDK describes it.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeAutoScalingGroupsCommand,
  DescribeScalingActivitiesCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { CreateImageCommand, CreateLaunchTemplateCommand, waitUntilImageAvailable } from '@aws-sdk/client-ec2';
import { DescribeTargetHealthCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { createStartingWorld, startPracticeServer, type PracticeServer } from '../../../../src/practice/core/server';
import type { Speed } from '../../../../src/practice/core/world';
import { practiceClients, rejection, type PracticeClients } from '../../../fixtures/practiceClients';
import {
  WAIT,
  addLabResources,
  buildAlb,
  eventually,
  groupNamed,
  instanceNamed,
  subnetIn,
  type Alb,
} from '../../../fixtures/practiceLab';

export interface AsgPractice {
  readonly server: PracticeServer;
  readonly aws: PracticeClients;
  readonly alb: Alb;
  readonly imageId: string;
  readonly templateId: string;
  /** The default subnets of 1a and 1d (where the ALB is). */
  readonly subnets: [string, string];
}

/** Starts the account (before the file's tests) with the web tier, an AMI and the launch template. */
export function asgPractice(speed: Speed = 'instant'): AsgPractice {
  let state: AsgPractice | undefined;
  before(async () => {
    const world = createStartingWorld();
    addLabResources(world);
    const server = await startPracticeServer({ port: 0, speed, world });
    const aws = practiceClients(server.endpoint);
    const alb = await buildAlb(aws, server.world);
    const web = instanceNamed(server.world, 'WebServer');
    const image = await aws.ec2.send(new CreateImageCommand({ InstanceId: web.id, Name: 'WebServer-image' }));
    const imageId = image.ImageId ?? '';
    await waitUntilImageAvailable({ client: aws.ec2, ...WAIT }, { ImageIds: [imageId] });
    const template = await aws.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'WebServer-template',
        LaunchTemplateData: {
          ImageId: imageId,
          InstanceType: 't2.micro',
          SecurityGroupIds: [groupNamed(server.world, 'launch-wizard-1').id],
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'WebServer-asg' }] }],
        },
      }),
    );
    state = {
      server,
      aws,
      alb,
      imageId,
      templateId: template.LaunchTemplate?.LaunchTemplateId ?? '',
      subnets: [subnetIn(server.world, 'a'), subnetIn(server.world, 'd')],
    };
  });
  after(async () => {
    state?.aws.destroy();
    await state?.server.close();
  });
  const get = (): AsgPractice => {
    assert.ok(state, 'the practice account is started');
    return state;
  };
  return {
    get server() {
      return get().server;
    },
    get aws() {
      return get().aws;
    },
    get alb() {
      return get().alb;
    },
    get imageId() {
      return get().imageId;
    },
    get templateId() {
      return get().templateId;
    },
    get subnets() {
      return get().subnets;
    },
  };
}

export async function describeGroup(aws: PracticeClients, name: string): Promise<AutoScalingGroup | undefined> {
  const out = await aws.autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
  return out.AutoScalingGroups?.[0];
}

/** Polls until the group has `count` instances InService (and none other). */
export async function inService(aws: PracticeClients, name: string, count: number, ms = 10_000) {
  const group = await eventually(
    () => describeGroup(aws, name),
    (g) => (g?.Instances ?? []).length === count && (g?.Instances ?? []).every((i) => i.LifecycleState === 'InService'),
    ms,
  );
  return group?.Instances ?? [];
}

export async function targetStates(aws: PracticeClients, tgArn: string): Promise<Map<string, string>> {
  const out = await aws.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
  return new Map((out.TargetHealthDescriptions ?? []).map((d) => [d.Target?.Id ?? '', d.TargetHealth?.State ?? '']));
}

export async function activities(aws: PracticeClients, name: string) {
  const out = await aws.autoscaling.send(new DescribeScalingActivitiesCommand({ AutoScalingGroupName: name }));
  return out.Activities ?? [];
}

/** An error as the SDK surfaces it: its code, HTTP status and message. */
export async function fails(promise: Promise<unknown>, code: string, message?: string | RegExp) {
  const error = await rejection(promise);
  assert.equal(error.Code ?? error.name, code, error.message);
  if (typeof message === 'string') assert.equal(error.message, message);
  else if (message) assert.match(error.message, message);
  return error;
}
