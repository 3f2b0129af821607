// EC2 launch templates: CreateLaunchTemplate (version 1), CreateLaunchTemplateVersion (from a SourceVersion),
// DescribeLaunchTemplates, DescribeLaunchTemplateVersions ($Latest, $Default, numbers), ModifyLaunchTemplate
// (the default version) and DeleteLaunchTemplate. AWS lets a template be deleted while an Auto Scaling group
// names it (the group's next launch fails), so the practice account does too. Auto Scaling resolves a group's
// template through `resolveLaunchTemplate`.
import {
  CreateLaunchTemplate$,
  CreateLaunchTemplateVersion$,
  DeleteLaunchTemplate$,
  DescribeLaunchTemplates$,
  DescribeLaunchTemplateVersions$,
  ModifyLaunchTemplate$,
  type CreateLaunchTemplateRequest,
  type CreateLaunchTemplateResult,
  type CreateLaunchTemplateVersionRequest,
  type CreateLaunchTemplateVersionResult,
  type DeleteLaunchTemplateRequest,
  type DeleteLaunchTemplateResult,
  type DescribeLaunchTemplatesRequest,
  type DescribeLaunchTemplatesResult,
  type DescribeLaunchTemplateVersionsRequest,
  type DescribeLaunchTemplateVersionsResult,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  type ModifyLaunchTemplateRequest,
  type ModifyLaunchTemplateResult,
  type RequestLaunchTemplateData,
  type ResponseLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { action, type ActionDefinition, type RequestContext } from '../core/actions';
import { PRACTICE_USER_ARN } from '../core/constants';
import { PracticeError } from '../core/errors';
import { tagList, type LaunchTemplateDataRecord, type LaunchTemplateRecord, type RegionState } from '../core/records';
import { ec2Pager } from './common';
import { applyFilters } from './filters';
import { invalidValue, specifiedTags, validTags } from './writeCommon';

const NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;

export const templateNotFound = (id: string) =>
  new PracticeError(
    'InvalidLaunchTemplateId.NotFound',
    `The specified launch template, with template ID ${id}, does not exist.`,
  );
export const templateNameNotFound = () =>
  new PracticeError(
    'InvalidLaunchTemplateName.NotFoundException',
    'At least one of the launch templates specified in the request does not exist.',
  );

function templatesOf(records: RegionState): LaunchTemplateRecord[] {
  return (records.launchTemplates ??= []);
}

/** The template by ID or name, with EC2's errors. */
export function findLaunchTemplate(records: RegionState, id?: string, name?: string): LaunchTemplateRecord {
  if (id && name)
    throw invalidValue('Specify either the launch template ID or the launch template name, but not both.');
  if (!id && !name)
    throw new PracticeError('MissingParameter', 'The request must include either a launch template ID or name.');
  if (id) {
    if (!/^lt-[0-9a-f]{17}$/.test(id))
      throw new PracticeError(
        'InvalidLaunchTemplateId.Malformed',
        `The specified ID for the launch template (${id}) is not valid. Launch template IDs must be in the form 'lt-' followed by 17 hexadecimal characters.`,
      );
    const found = (records.launchTemplates ?? []).find((t) => t.id === id);
    if (!found) throw templateNotFound(id);
    return found;
  }
  const found = (records.launchTemplates ?? []).find((t) => t.name === name);
  if (!found) throw templateNameNotFound();
  return found;
}

/** A version reference ($Latest, $Default, or a number) to its number; undefined when malformed. */
export function versionNumber(template: LaunchTemplateRecord, version: string | undefined): number | undefined {
  if (version === undefined || version === '$Default') return template.defaultVersion;
  if (version === '$Latest') return template.latestVersion;
  return /^[1-9]\d*$/.test(version) ? Number(version) : undefined;
}

/** A template and one of its versions, as Auto Scaling launches it. */
export function resolveLaunchTemplate(
  records: RegionState,
  ref: { id?: string; name?: string; version?: string },
): { template: LaunchTemplateRecord; number: number; data: LaunchTemplateDataRecord } {
  const template = findLaunchTemplate(records, ref.id, ref.name);
  const number = versionNumber(template, ref.version);
  const version = template.versions.find((v) => v.number === number);
  if (!version)
    throw new PracticeError(
      'InvalidLaunchTemplateId.VersionNotFound',
      `Could not find launch template version ${ref.version ?? ''} for launch template ${template.id}.`,
    );
  return { template, number: version.number, data: version.data };
}

function dataRecord(data: RequestLaunchTemplateData | undefined): LaunchTemplateDataRecord {
  const d = data ?? {};
  return {
    imageId: d.ImageId,
    instanceType: d.InstanceType,
    keyName: d.KeyName,
    securityGroupIds: d.SecurityGroupIds,
    securityGroups: d.SecurityGroups,
    networkInterfaces: d.NetworkInterfaces?.map((n) => ({
      deviceIndex: n.DeviceIndex ?? 0,
      subnetId: n.SubnetId,
      groups: n.Groups,
      associatePublicIpAddress: n.AssociatePublicIpAddress,
      deleteOnTermination: n.DeleteOnTermination,
    })),
    userData: d.UserData,
    tagSpecifications: d.TagSpecifications?.map((s) => ({
      resourceType: s.ResourceType ?? 'instance',
      tags: validTags(s.Tags),
    })),
  };
}

function dataShape(d: LaunchTemplateDataRecord): ResponseLaunchTemplateData {
  return {
    ImageId: d.imageId,
    InstanceType: d.instanceType as ResponseLaunchTemplateData['InstanceType'],
    KeyName: d.keyName,
    SecurityGroupIds: d.securityGroupIds,
    SecurityGroups: d.securityGroups,
    NetworkInterfaces: d.networkInterfaces?.map((n) => ({
      DeviceIndex: n.deviceIndex,
      SubnetId: n.subnetId,
      Groups: n.groups,
      AssociatePublicIpAddress: n.associatePublicIpAddress,
      DeleteOnTermination: n.deleteOnTermination,
    })),
    UserData: d.userData,
    TagSpecifications: d.tagSpecifications?.map((s) => ({
      ResourceType: s.resourceType as 'instance',
      Tags: tagList(s.tags),
    })),
  };
}

function templateShape(t: LaunchTemplateRecord): LaunchTemplate {
  return {
    LaunchTemplateId: t.id,
    LaunchTemplateName: t.name,
    CreateTime: new Date(t.createTime),
    CreatedBy: PRACTICE_USER_ARN,
    DefaultVersionNumber: t.defaultVersion,
    LatestVersionNumber: t.latestVersion,
    Tags: Object.keys(t.tags).length ? tagList(t.tags) : undefined,
  };
}

function versionShape(t: LaunchTemplateRecord, number: number): LaunchTemplateVersion {
  const v = t.versions.find((x) => x.number === number);
  return {
    LaunchTemplateId: t.id,
    LaunchTemplateName: t.name,
    VersionNumber: number,
    VersionDescription: v?.description,
    CreateTime: v && new Date(v.createTime),
    CreatedBy: PRACTICE_USER_ARN,
    DefaultVersion: t.defaultVersion === number,
    LaunchTemplateData: v && dataShape(v.data),
  };
}

function checkData(data: LaunchTemplateDataRecord): void {
  const userData = data.userData;
  if (userData !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(userData))
    throw invalidValue('Invalid BASE64 encoding of user data.');
}

function writable(context: RequestContext): RegionState {
  return context.world.writableRegion(context.region);
}

const createLaunchTemplate = action<CreateLaunchTemplateRequest, CreateLaunchTemplateResult>(
  CreateLaunchTemplate$,
  (input, context) => {
    const name = input.LaunchTemplateName ?? '';
    if (!NAME.test(name))
      throw new PracticeError(
        'InvalidLaunchTemplateName.MalformedException',
        'A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.',
      );
    if (!input.LaunchTemplateData)
      throw new PracticeError('MissingParameter', 'The request must contain the parameter LaunchTemplateData');
    const records = writable(context);
    if (templatesOf(records).some((t) => t.name === name))
      throw new PracticeError(
        'InvalidLaunchTemplateName.AlreadyExistsException',
        'Launch template name already in use.',
      );
    const data = dataRecord(input.LaunchTemplateData);
    checkData(data);
    const tags = specifiedTags(input.TagSpecifications, ['launch-template']);
    const now = context.now.toISOString();
    const template: LaunchTemplateRecord = {
      id: context.world.newId('lt'),
      name,
      createTime: now,
      defaultVersion: 1,
      latestVersion: 1,
      versions: [{ number: 1, description: input.VersionDescription, createTime: now, data }],
      tags: { ...tags['launch-template'] },
    };
    templatesOf(records).push(template);
    context.world.changed();
    return { LaunchTemplate: templateShape(template) };
  },
);

const createLaunchTemplateVersion = action<CreateLaunchTemplateVersionRequest, CreateLaunchTemplateVersionResult>(
  CreateLaunchTemplateVersion$,
  (input, context) => {
    const records = writable(context);
    const template = findLaunchTemplate(records, input.LaunchTemplateId, input.LaunchTemplateName);
    const own = dataRecord(input.LaunchTemplateData);
    let data = own;
    if (input.SourceVersion !== undefined) {
      const source = template.versions.find((v) => v.number === versionNumber(template, input.SourceVersion));
      if (!source)
        throw new PracticeError(
          'InvalidLaunchTemplateId.VersionNotFound',
          `Could not find launch template version ${input.SourceVersion} for launch template ${template.id}.`,
        );
      // The new version is the source's data with the given parameters replacing theirs.
      const given = Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined));
      data = { ...source.data, ...given };
    }
    checkData(data);
    const number = template.latestVersion + 1;
    template.versions.push({
      number,
      description: input.VersionDescription,
      createTime: context.now.toISOString(),
      data,
    });
    template.latestVersion = number;
    context.world.changed();
    return { LaunchTemplateVersion: versionShape(template, number) };
  },
);

const describeLaunchTemplates = action<DescribeLaunchTemplatesRequest, DescribeLaunchTemplatesResult>(
  DescribeLaunchTemplates$,
  (input, context) => {
    const page = ec2Pager(
      input,
      { parameter: 'LaunchTemplateIds', values: input.LaunchTemplateIds },
      'launch-templates',
      1,
      200,
    );
    const all = context.records.launchTemplates ?? [];
    for (const id of input.LaunchTemplateIds ?? []) if (!all.some((t) => t.id === id)) throw templateNotFound(id);
    for (const name of input.LaunchTemplateNames ?? [])
      if (!all.some((t) => t.name === name)) throw templateNameNotFound();
    const named = all.filter(
      (t) =>
        (!input.LaunchTemplateIds?.length || input.LaunchTemplateIds.includes(t.id)) &&
        (!input.LaunchTemplateNames?.length || input.LaunchTemplateNames.includes(t.name)),
    );
    const selected = applyFilters(
      named,
      input.Filters,
      { 'launch-template-name': (t) => t.name, 'create-time': (t) => t.createTime },
      (t) => t.tags,
    );
    const cut = page(selected);
    return { LaunchTemplates: cut.items.map(templateShape), NextToken: cut.next };
  },
);

const describeLaunchTemplateVersions = action<
  DescribeLaunchTemplateVersionsRequest,
  DescribeLaunchTemplateVersionsResult
>(DescribeLaunchTemplateVersions$, (input, context) => {
  const page = ec2Pager(
    input,
    { parameter: 'LaunchTemplateVersion', values: undefined },
    'launch-template-versions',
    1,
    200,
  );
  const refs = input.Versions ?? [];
  if (!input.LaunchTemplateId && !input.LaunchTemplateName && refs.length && refs.every((r) => r[0] === '$')) {
    // AWS's account-wide form: $Latest and/or $Default of every template.
    const all = (context.records.launchTemplates ?? []).flatMap((t) =>
      [...new Set(refs.map((r) => versionNumber(t, r) ?? 0))].map((n) => versionShape(t, n)),
    );
    const cut = page(all);
    return { LaunchTemplateVersions: cut.items, NextToken: cut.next };
  }
  const template = findLaunchTemplate(context.records, input.LaunchTemplateId, input.LaunchTemplateName);
  let numbers = template.versions.map((v) => v.number);
  if (input.Versions?.length) {
    numbers = input.Versions.map((ref) => {
      const n = versionNumber(template, ref);
      if (n === undefined || !template.versions.some((v) => v.number === n))
        throw new PracticeError(
          'InvalidLaunchTemplateId.VersionNotFound',
          `Could not find launch template version ${ref} for launch template ${template.id}.`,
        );
      return n;
    });
    numbers = [...new Set(numbers)];
  }
  const min = input.MinVersion ? versionNumber(template, input.MinVersion) : undefined;
  const max = input.MaxVersion ? versionNumber(template, input.MaxVersion) : undefined;
  numbers = numbers.filter((n) => (min === undefined || n >= min) && (max === undefined || n <= max));
  const cut = page(numbers);
  return { LaunchTemplateVersions: cut.items.map((n) => versionShape(template, n)), NextToken: cut.next };
});

const modifyLaunchTemplate = action<ModifyLaunchTemplateRequest, ModifyLaunchTemplateResult>(
  ModifyLaunchTemplate$,
  (input, context) => {
    const records = writable(context);
    const template = findLaunchTemplate(records, input.LaunchTemplateId, input.LaunchTemplateName);
    if (input.DefaultVersion !== undefined) {
      const n = versionNumber(template, input.DefaultVersion);
      if (n === undefined || !template.versions.some((v) => v.number === n))
        throw new PracticeError(
          'InvalidLaunchTemplateId.VersionNotFound',
          `Could not find launch template version ${input.DefaultVersion} for launch template ${template.id}.`,
        );
      template.defaultVersion = n;
      context.world.changed();
    }
    return { LaunchTemplate: templateShape(template) };
  },
);

const deleteLaunchTemplate = action<DeleteLaunchTemplateRequest, DeleteLaunchTemplateResult>(
  DeleteLaunchTemplate$,
  (input, context) => {
    const records = writable(context);
    const template = findLaunchTemplate(records, input.LaunchTemplateId, input.LaunchTemplateName);
    records.launchTemplates = templatesOf(records).filter((t) => t !== template);
    context.world.changed();
    return { LaunchTemplate: templateShape(template) };
  },
);

export const ec2LaunchTemplateActions: Record<string, ActionDefinition> = {
  CreateLaunchTemplate: createLaunchTemplate,
  CreateLaunchTemplateVersion: createLaunchTemplateVersion,
  DescribeLaunchTemplates: describeLaunchTemplates,
  DescribeLaunchTemplateVersions: describeLaunchTemplateVersions,
  ModifyLaunchTemplate: modifyLaunchTemplate,
  DeleteLaunchTemplate: deleteLaunchTemplate,
};
