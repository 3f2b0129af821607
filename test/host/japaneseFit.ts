// Whether the Japanese words fit where a student reads them (issue 15): the checklist's track and step labels at
// the sidebar's width, none cut with "…" (the tree ellipsizes the row's label container, so a label is cut when its
// name runs past that container's right edge), and a quick pick's placeholder within its input, left of the
// selection count drawn over it.
import type { Locator, Page } from 'playwright-core';

export interface LabelFit {
  label: string;
  /** The label's width and the room its row gives it, in CSS pixels. */
  width: number;
  room: number;
}

/** The drawn rows at `levels` whose label does not fit. */
async function cutLabels(rows: Locator, levels: readonly number[]): Promise<LabelFit[]> {
  const drawn = await rows.evaluateAll((els) =>
    els.map((el) => {
      const name = el.querySelector('.label-name');
      const box = el.querySelector('.monaco-icon-label-container');
      const n = name?.getBoundingClientRect();
      const b = box?.getBoundingClientRect();
      return {
        level: Number(el.getAttribute('aria-level') ?? '0'),
        label: (name?.textContent ?? '').trim(),
        width: n ? Math.round(n.width) : 0,
        room: n && b ? Math.round(b.right - n.left) : 0,
        cut: !!n && !!b && n.right > b.right + 0.5,
      };
    }),
  );
  return drawn
    .filter((r) => levels.includes(r.level) && r.cut)
    .map(({ label, width, room }) => ({ label, width, room }));
}

/**
 * Every track and step row of the checklist (levels 1 and 2), scrolled through, at rest (no row hovered): those cut.
 * Also how many labels were looked at and the sidebar's width.
 */
export async function checklistLabelsCut(
  page: Page,
  checklist: Locator,
): Promise<{ cut: LabelFit[]; seen: number; sidebarWidth: number }> {
  const rows = checklist.getByRole('treeitem');
  await rows.first().waitFor({ state: 'visible', timeout: 20_000 });
  const sidebar = await page.locator('[id="workbench.parts.sidebar"]').boundingBox();
  const body = await checklist.boundingBox();
  const cut = new Map<string, LabelFit>();
  const seen = new Set<string>();
  for (let i = 0; i < 6; i++) {
    await page.mouse.move(sidebar ? sidebar.x + sidebar.width + 200 : 800, 400);
    await page.waitForTimeout(300);
    for (const r of await cutLabels(rows, [1, 2])) cut.set(r.label, r);
    const labels = await rows.evaluateAll((els) =>
      els.map((el) => (el.querySelector('.label-name')?.textContent ?? '').trim()),
    );
    const before = seen.size;
    labels.forEach((l) => seen.add(l));
    if (i > 0 && seen.size === before) break; // the end of the list
    if (body) {
      await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2);
      await page.mouse.wheel(0, Math.max(200, body.height - 60));
    }
  }
  // Back to the top, as a student opens it (the list scrolls smoothly: in steps, then settled).
  if (body) {
    await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2);
    for (let i = 0; i < 8; i++) {
      await page.mouse.wheel(0, -1_000);
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(500);
  }
  return { cut: [...cut.values()], seen: seen.size, sidebarWidth: Math.round(sidebar?.width ?? 0) };
}

/** The open quick pick's placeholder: its text, its drawn width and the room the input leaves it. */
export async function placeholderFit(page: Page): Promise<{ text: string; width: number; room: number }> {
  const input = page.locator('.quick-input-widget .quick-input-box input').first();
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  return input.evaluate((el) => {
    const field = el as unknown as {
      placeholder: string;
      clientWidth: number;
      getBoundingClientRect(): { left: number; right: number };
    };
    const view = el.ownerDocument.defaultView;
    const style = view?.getComputedStyle(el);
    const context = el.ownerDocument.createElement('canvas').getContext('2d');
    if (!style || !context) return { text: field.placeholder, width: 0, room: 0 };
    context.font = style.font;
    const box = field.getBoundingClientRect();
    let right = box.left + field.clientWidth - parseFloat(style.paddingRight);
    // The selection count and the visible count are drawn over the input's right end.
    const widget = el.closest('.quick-input-widget');
    for (const badge of widget ? [...widget.querySelectorAll('.quick-input-count, .quick-input-visible-count')] : []) {
      const b = badge.getBoundingClientRect();
      if (b.width > 0 && b.left > box.left && b.left < right) right = b.left;
    }
    return {
      text: field.placeholder,
      width: Math.round(context.measureText(field.placeholder).width),
      room: Math.round(right - box.left - parseFloat(style.paddingLeft)),
    };
  });
}
