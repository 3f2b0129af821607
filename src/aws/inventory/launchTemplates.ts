// EC2 launch templates, each with its default version's data: what a group launches unless told another version.
import { DescribeLaunchTemplateVersionsCommand, paginateDescribeLaunchTemplates } from '@aws-sdk/client-ec2';
import type * as EC2 from '@aws-sdk/client-ec2';
import type { LaunchTemplate } from '../types';
import { allPages, call, mapLimit, type Caller } from './calls';
import { defined, tagsOf } from './shapes';
import type { Focus } from './focus';

export interface RawLaunchTemplates {
  readonly templates: readonly EC2.LaunchTemplate[];
  /** Each template's default version. */
  readonly defaultVersions: readonly EC2.LaunchTemplateVersion[];
}

/**
 * The templates, then each one's $Default version: one call per template (the account-wide form, Versions $Default
 * without a template, is AWS's but not every endpoint's; a lab has one or two templates). A student's read
 * (focus.ts) asks the versions of their templates only: their own, and those their Auto Scaling groups launch.
 */
export async function fetchLaunchTemplates(c: Caller, focus?: Focus): Promise<RawLaunchTemplates> {
  const pager = { client: c.clients.ec2, pageSize: 200, withCommand: c.counted };
  const templates = await call('ec2:DescribeLaunchTemplates', () =>
    allPages(paginateDescribeLaunchTemplates(pager, {}, c.options), (p) => p.LaunchTemplates),
  );
  const read = focus ? await studentsTemplates(focus, templates) : templates;
  const ids = read.flatMap((t) => (t.LaunchTemplateId ? [t.LaunchTemplateId] : []));
  const gone = new Set<string>();
  const versions = await call('ec2:DescribeLaunchTemplateVersions', () =>
    mapLimit(ids, 4, async (id) => {
      const command = new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, Versions: ['$Default'] });
      try {
        const page = await c.clients.ec2.send(c.counted(command), c.options);
        return page.LaunchTemplateVersions ?? [];
      } catch (error) {
        // Deleted since it was listed: it is simply gone, not a section that cannot be read.
        if ((error as { name?: string }).name !== 'InvalidLaunchTemplateId.NotFound') throw error;
        gone.add(id);
        return [];
      }
    }),
  );
  return {
    templates: templates.filter((t) => !gone.has(t.LaunchTemplateId ?? '')),
    defaultVersions: versions.flat(),
  };
}

async function studentsTemplates(focus: Focus, templates: readonly EC2.LaunchTemplate[]) {
  const launched = (await focus.groups).flatMap((g) => {
    const lt = g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
    return [lt?.LaunchTemplateId, lt?.LaunchTemplateName].filter((s): s is string => !!s);
  });
  return templates.filter(
    (t) =>
      focus.owns(t.LaunchTemplateName, tagsOf(t.Tags)) ||
      launched.includes(t.LaunchTemplateId ?? '') ||
      launched.includes(t.LaunchTemplateName ?? ''),
  );
}

/**
 * One template with its default version's data. The console's default-VPC launch templates may name their groups
 * (SecurityGroups) instead of giving ids: `groupIdOf` resolves a name when the security groups were read.
 */
export function mapLaunchTemplates(
  raw: RawLaunchTemplates,
  groupIdOf: (name: string) => string | undefined = () => undefined,
): LaunchTemplate[] {
  return raw.templates.map((t) => {
    const version = raw.defaultVersions.find((v) => v.LaunchTemplateId === t.LaunchTemplateId);
    const data = version?.LaunchTemplateData;
    const nic = data?.NetworkInterfaces?.find((n) => (n.DeviceIndex ?? 0) === 0) ?? data?.NetworkInterfaces?.[0];
    const ids = [
      ...(data?.SecurityGroupIds ?? []),
      ...(nic?.Groups ?? []),
      ...(data?.SecurityGroups ?? []).map((name) => groupIdOf(name) ?? name),
    ];
    return defined({
      id: t.LaunchTemplateId ?? '',
      name: t.LaunchTemplateName ?? '',
      defaultVersion: t.DefaultVersionNumber ?? version?.VersionNumber ?? 1,
      latestVersion: t.LatestVersionNumber ?? t.DefaultVersionNumber ?? 1,
      imageId: data?.ImageId,
      instanceType: data?.InstanceType,
      keyName: data?.KeyName,
      securityGroupIds: [...new Set(ids)],
      hasUserData: !!data?.UserData,
      tags: tagsOf(t.Tags),
    });
  });
}
