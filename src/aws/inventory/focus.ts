// A student's read of a class's account (seed 003): the lists stay whole (one call per type, paginated: the
// "other students" count needs every row, and a list of 1,000 per page costs the same for 1 student or 40), but the
// calls made per resource — listeners, target health, tags, instance health, launch-template versions, DB events,
// scaling policies and activities — go only to the student's own resources and what they use. What the sections
// need to know for that (the student's instances and Auto Scaling groups) arrives from the instances and Auto
// Scaling sections as their lists come in; scopeInventory then cuts the view as it does from a whole read.
//
// Why no server-side filters on the lists (EC2's `tag:Name` wildcard, `tag:scale-out-lab:student`): a tag filter is
// case-sensitive (`WebServer-User05` is user05's), one call cannot OR the Name tag with the student tag and the
// Auto Scaling group's tag, what a student's resources use carries no name of theirs (the default VPC,
// `launch-wizard-1`, a target group named `WebServers`), and the explorer counts the other students' resources.
import type * as EC2 from '@aws-sdk/client-ec2';
import type * as AS from '@aws-sdk/client-auto-scaling';
import type { Tags } from '../types';
import { STUDENT_TAG, classPrefix, namedFor, ownedBy, parseStudent, studentsNamed } from '../student';
import { nameOf, tagsOf } from './shapes';

export interface Focus {
  readonly student: string;
  /**
   * Whether a resource of this name can be the student's: named for them, or for no student of the class (tags of a
   * resource named for another student are not read: its owner is the one its name says).
   */
  mayBeOwn(name: string | undefined): boolean;
  /** Whether a name carries the student's id. */
  namedFor(name: string | undefined): boolean;
  /** Whether a resource is the student's own (its tag, else its name). */
  owns(name: string | undefined, tags: Tags): boolean;
  /** Whether a tag names another student (then the resource is theirs whatever its name). */
  taggedForOther(tags: Tags): boolean;
  /** The student's Auto Scaling groups, once the groups' list is in (none when it failed or was not read). */
  readonly groups: Promise<readonly AS.AutoScalingGroup[]>;
  /** The student's instances (their own and their groups'), once both lists are in. */
  readonly instanceIds: Promise<ReadonlySet<string>>;
  /** The instances' list as read (or none): the instances section hands it over. */
  provideInstances(list: Promise<readonly EC2.Instance[]> | undefined): void;
  /** The Auto Scaling groups' list as read (or none): the Auto Scaling section hands it over. */
  provideGroups(list: Promise<readonly AS.AutoScalingGroup[]> | undefined): void;
}

export function createFocus(student: string): Focus {
  const prefix = classPrefix(student);
  const owns = (name: string | undefined, tags: Tags) => ownedBy(student, name, tags);
  let giveInstances: (list: readonly EC2.Instance[]) => void = () => undefined;
  let giveGroups: (list: readonly AS.AutoScalingGroup[]) => void = () => undefined;
  const instances = new Promise<readonly EC2.Instance[]>((resolve) => (giveInstances = resolve));
  const allGroups = new Promise<readonly AS.AutoScalingGroup[]>((resolve) => (giveGroups = resolve));
  const groups = allGroups.then((list) => list.filter((g) => owns(g.AutoScalingGroupName, tagsOf(g.Tags))));
  const instanceIds = Promise.all([instances, groups]).then(([list, own]) => {
    const ids = new Set(own.flatMap((g) => (g.Instances ?? []).flatMap((i) => (i.InstanceId ? [i.InstanceId] : []))));
    for (const i of list) {
      const tags = tagsOf(i.Tags);
      if (i.InstanceId && i.State?.Name !== 'terminated' && owns(nameOf(tags), tags)) ids.add(i.InstanceId);
    }
    return ids;
  });
  // A failed list is an empty one here: the section reports its own failure.
  const settle = <T>(list: Promise<readonly T[]> | undefined, give: (l: readonly T[]) => void) =>
    void (list ?? Promise.resolve([])).then(give, () => give([]));
  return {
    student,
    mayBeOwn: (name) => {
      if (!prefix) return true;
      const named = studentsNamed(name, prefix);
      return named.length === 0 || named.includes(student);
    },
    namedFor: (name) => namedFor(name, student),
    owns,
    taggedForOther: (tags) => {
      const tagged = parseStudent(tags[STUDENT_TAG]);
      return tagged !== undefined && tagged !== student;
    },
    groups,
    instanceIds,
    provideInstances: (list) => settle(list, giveInstances),
    provideGroups: (list) => settle(list, giveGroups),
  };
}
