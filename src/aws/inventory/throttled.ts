// A refresh AWS throttled (after the SDK's retries): the explorer keeps what it showed for the sections that did not
// come through, instead of turning them into error rows, and says it has slowed down (refreshScheduler backs off).
import type { Inventory, InventorySection } from '../types';
import { overlayInventory } from './merge';

/** Every section (typed as a record so a new section cannot be forgotten here). */
const SECTIONS = Object.keys({
  network: true,
  instances: true,
  storage: true,
  addresses: true,
  securityGroups: true,
  loadBalancing: true,
  databases: true,
  autoScaling: true,
} satisfies Record<InventorySection, true>) as InventorySection[];

/** The sections of a read that AWS throttled. */
export function throttledSections(read: Inventory): InventorySection[] {
  return [...new Set(read.problems.filter((p) => p.error.kind === 'throttled').map((p) => p.section))];
}

/**
 * What to show after a read: as read, or, when AWS throttled some of its sections, those sections as the last
 * inventory of the same account showed them (with that inventory's problems for them) and the rest as read. With
 * no earlier inventory there is nothing to keep: the read is shown as it is.
 */
export function keepThrottled(previous: Inventory | undefined, read: Inventory): Inventory {
  const throttled = throttledSections(read);
  if (throttled.length === 0 || !previous) return read;
  const fresh = (read.sections ?? SECTIONS).filter((s) => !throttled.includes(s));
  return overlayInventory(previous, { ...read, sections: fresh }) ?? read;
}
