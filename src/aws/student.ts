// A class in one account (seed 003): every student suffixes their resources with their user number
// (`webserver#1-user05`, `tg-elb-user05`, `wp-user05-cluster`, the AMI "sampleapp user05"), and the lab's runners
// tag what they make with the student too. Who owns a resource is read from that tag, else from its name. Plain
// data and string rules: the inventory (what to describe further), the lab (scoping, the teacher's table) and the
// practice account's class all use them.
import type { Tags } from './tags';

/** The student a lab resource was made for, on every resource a runner makes in a class. */
export const STUDENT_TAG = 'scale-out-lab:student';

/**
 * A student's id as a class writes it: letters then digits (`user05`, `s12`), or any word of letters, digits and
 * `-` (`tanaka`), at most 32 characters; stored in lower case (RDS keeps identifiers in lower case).
 */
const STUDENT_ID = /^[a-z][a-z0-9-]{0,31}$/;

/** The id of a student as typed (`User05 ` → `user05`), or undefined when it cannot be one. */
export function parseStudent(text: string | undefined): string | undefined {
  const id = text?.trim().toLowerCase();
  return id && STUDENT_ID.test(id) && !id.endsWith('-') ? id : undefined;
}

/** The class's numbering, from one student's id: `user05` → `user` (undefined for an id without one, `tanaka`). */
export function classPrefix(student: string): string | undefined {
  return /^([a-z]+)\d+$/.exec(student)?.[1];
}

/** Split names: the same names come back for each of a class's 40 views and on every refresh (bounded). */
const splitNames = new Map<string, readonly string[]>();
const SPLIT_NAMES_KEPT = 10_000;

/** The words of a name, as a suffix is written after `-`, `#`, `_`, `.`, a space or `/`. */
function words(name: string): readonly string[] {
  let found = splitNames.get(name);
  if (!found) {
    if (splitNames.size >= SPLIT_NAMES_KEPT) splitNames.clear();
    splitNames.set(name, (found = name.toLowerCase().split(/[^a-z0-9]+/)));
  }
  return found;
}

/** Whether a name carries the student's id as one of its words (`webserver#1-user05`, not `webserver#1-user050`). */
export function namedFor(name: string | undefined, student: string): boolean {
  return name !== undefined && words(name).includes(student);
}

/** Every student id of the class's numbering a name carries (`tg-elb-user06` → `user06` for prefix `user`). */
export function studentsNamed(name: string | undefined, prefix: string): string[] {
  if (!name) return [];
  return words(name).filter((w) => w.startsWith(prefix) && /^\d+$/.test(w.slice(prefix.length)));
}

/**
 * Whose a resource is: the student tag, else the one student of the class's numbering its name carries (none, or
 * two, is nobody's: a name like `user05-user06` decides nothing).
 */
export function ownerOf(name: string | undefined, tags: Tags, prefix: string | undefined): string | undefined {
  const tagged = parseStudent(tags[STUDENT_TAG]);
  if (tagged) return tagged;
  if (!prefix) return undefined;
  const named = [...new Set(studentsNamed(name, prefix))];
  return named.length === 1 ? named[0] : undefined;
}

/** Whether a resource is the student's own: tagged for them, or (untagged) named for them. */
export function ownedBy(student: string, name: string | undefined, tags: Tags): boolean {
  const tagged = parseStudent(tags[STUDENT_TAG]);
  return tagged ? tagged === student : namedFor(name, student);
}
