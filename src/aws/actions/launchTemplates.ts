// EC2 launch templates for track 3 (3.1): made with their tags and a name AWS keeps unique, so a create whose answer
// was lost and is sent again meets "already exists", which means done (the rerun adopts the template by its name).
import { CreateLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import type { Tags } from '../tags';
import { call, type Aws } from './call';
import { tagSpecs } from './ec2';

export interface LaunchTemplateSpec {
  readonly name: string;
  readonly imageId: string;
  readonly instanceType: string;
  readonly keyName?: string;
  readonly securityGroupIds: readonly string[];
  /** The template's own tags (the instances get the group's). */
  readonly tags: Tags;
}

/** A launch template, version 1 its default; undefined when one of that name exists already (adopted). */
export async function createLaunchTemplate(
  aws: Aws,
  spec: LaunchTemplateSpec,
): Promise<{ id: string; version: number } | undefined> {
  return call(
    aws,
    'ec2:CreateLaunchTemplate',
    async (o) => {
      const answer = await aws.clients.ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: spec.name,
          VersionDescription: 'The lab web server, from its AMI',
          LaunchTemplateData: {
            ImageId: spec.imageId,
            InstanceType: spec.instanceType as never,
            ...(spec.keyName ? { KeyName: spec.keyName } : {}),
            SecurityGroupIds: [...spec.securityGroupIds],
          },
          TagSpecifications: tagSpecs(['launch-template'], spec.tags),
        }),
        o,
      );
      const t = answer.LaunchTemplate;
      return { id: t?.LaunchTemplateId ?? '', version: t?.DefaultVersionNumber ?? 1 };
    },
    {
      'InvalidLaunchTemplateName.AlreadyExistsException': () => undefined,
      AlreadyExistsException: () => undefined,
    },
  );
}
