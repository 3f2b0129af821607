// The diagram model drawn as one SVG, the way the handouts picture the lab: the region frame, each VPC with its
// internet gateway on the top edge and dashed routes down to the public subnets, AZ columns, public rows above
// private ones, instance chips coloured by state, the load balancer as a bar across its columns. Pure: words come
// through the caller's translator, every text is escaped, colours are classes that DIAGRAM_CSS maps to the VS Code
// theme (light, dark, high contrast). Nodes are focusable buttons carrying the explorer reference they reveal.
import { stateText, toneOf } from '../explorer/text';
import { escapeHtml as esc } from '../html';
import { commonRegions } from '../regions';
import type { Translate } from '../translate';
import type {
  AutoScalingBar,
  AzColumn,
  DbChip,
  DiagramModel,
  DiagramRef,
  InstanceChip,
  InstanceGroup,
  LoadBalancerBar,
  NatChip,
  SubnetBox,
  VpcBox,
} from './model';
import { loadBalancerTypeText } from './classic';

const CHIP_W = 208;
const CHIP_H = 54;
const GAP = 8;
const PER_ROW = 2;
const PAD = 10;
const SUBNET_HEAD = 60;
const SUBNET_W = PAD * 2 + PER_ROW * CHIP_W + (PER_ROW - 1) * GAP;
const COL_PAD = 8;
const COL_W = SUBNET_W + COL_PAD * 2;
const COL_GAP = 16;
const VPC_PAD = 16;
const VPC_HEAD = 46;
const AZ_HEAD = 28;
const BAR_H = 42;
const ROW_GAP = 12;
const DB_HEAD = 22;
const REGION_PAD = 16;
const REGION_HEAD = 34;
/** Room above a VPC for the half of its internet gateway that sits over the edge. */
const IGW_OVER = 20;
const IGW_W = 210;
const IGW_H = 38;

/** Cuts a text to about `px` pixels at `fontPx` (wide characters count double), ending in an ellipsis. */
export function fit(text: string, px: number, fontPx = 12): string {
  const budget = px / (fontPx * 0.58);
  let used = 0;
  let out = '';
  for (const ch of text) {
    const w = /[\u1100-\uFFFF]/.test(ch) ? 1.8 : 1;
    if (used + w > budget) return `${out.trimEnd()}…`;
    used += w;
    out += ch;
  }
  return out;
}

/** A focusable node: a click or Enter posts `ref` to the extension (see page.ts). */
function node(cls: string, ref: DiagramRef, label: string, tooltip: string, inner: string): string {
  return (
    `<g class="node ${cls}" tabindex="0" role="button" data-ref="${esc(JSON.stringify(ref))}" aria-label="${esc(label)}">` +
    `<title>${esc(tooltip)}</title>${inner}</g>`
  );
}

const rect = (cls: string, x: number, y: number, w: number, h: number, r = 4) =>
  `<rect class="${cls}" x="${x}" y="${y}" width="${w}" height="${h}" rx="${r}"/>`;
const text = (cls: string, x: number, y: number, s: string, anchor?: 'middle') =>
  `<text class="${cls}" x="${x}" y="${y}"${anchor ? ` text-anchor="${anchor}"` : ''}>${esc(s)}</text>`;
const line = (cls: string, x1: number, y1: number, x2: number, y2: number) =>
  `<line class="${cls}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/>`;

function chip(
  cls: string,
  ref: DiagramRef,
  tone: string,
  x: number,
  y: number,
  lines: readonly [string, string, string],
  tooltip: string,
  /** A second marker, top right: the target health of an instance behind a load balancer. */
  badge?: string,
): string {
  const [title, second, third] = lines;
  const w = CHIP_W - (badge ? 44 : 30);
  return node(
    `chip ${cls} tone-${tone}`,
    ref,
    [title, second, third].filter(Boolean).join(', '),
    tooltip,
    rect('box', x, y, CHIP_W, CHIP_H) +
      `<circle class="dot" cx="${x + 12}" cy="${y + 15}" r="5"/>` +
      (badge
        ? `<rect class="badge h-${badge}" x="${x + CHIP_W - 18}" y="${y + 9}" width="10" height="10" rx="2"/>`
        : '') +
      text('name', x + 24, y + 19, fit(title, w, 13)) +
      text('detail', x + 10, y + 35, fit(second, CHIP_W - 20, 11)) +
      (third ? text('detail mono', x + 10, y + 49, fit(third, CHIP_W - 20, 11)) : ''),
  );
}

function instanceChip(c: InstanceChip, x: number, y: number, t: Translate): string {
  const state = stateText(c.state, t);
  // A group's instance says where it is in the group's lifecycle (Pending, InService, Terminating: AWS's words).
  const asg = c.autoScaling;
  const first = asg ? asg.lifecycle : state;
  const second = c.health ? `${first} · ${t('target: {0}', stateText(c.health, t))}` : first;
  const ips = [c.privateIp, c.publicIp].filter(Boolean).join(' · ');
  const member = asg ? `${t('Auto Scaling group')} ${asg.group} · ${asg.lifecycle} · ${asg.health}` : undefined;
  const tooltip = [c.name ?? c.id, c.id, asg ? state : undefined, second, ips, member].filter(Boolean).join('\n');
  const badge = c.health ? toneOf(c.health) : undefined;
  const cls = asg ? 'instance asgMember' : 'instance';
  return chip(cls, c.ref, c.tone, x, y, [c.name ?? c.id, second, ips], tooltip, badge);
}

function groupChip(g: InstanceGroup, x: number, y: number, t: Translate): string {
  const states = g.byState.map((s) => `${s.count} ${stateText(s.state, t)}`).join(' · ');
  const tone = g.byState[0]?.tone ?? 'neutral';
  return chip('group', g.ref, tone, x, y, [t('{0} more instances', g.count), states, ''], states);
}

function natChip(n: NatChip, x: number, y: number, t: Translate): string {
  const second = `${t('NAT gateway')} · ${stateText(n.state, t)}`;
  return chip('nat', n.ref, n.tone, x, y, [n.name ?? n.id, second, n.name ? n.id : ''], `${n.id}\n${second}`);
}

function dbChip(d: DbChip, x: number, y: number, t: Translate, subnetName?: string): string {
  const role =
    d.role === 'writer'
      ? t('writer')
      : d.role === 'reader'
        ? t('reader')
        : d.role === 'primary'
          ? t('primary')
          : d.role === 'standby'
            ? t('standby')
            : undefined;
  const second = [d.engine, role].filter(Boolean).join(' · ');
  const third = stateText(d.status, t);
  return chip(
    'db',
    d.ref,
    d.tone,
    x,
    y,
    [d.id, second, third],
    [d.id, d.clusterId, second, third, subnetName ? `${t('Subnet')} ${subnetName}` : undefined]
      .filter(Boolean)
      .join('\n'),
  );
}

const itemsOf = (s: SubnetBox) => s.natGateways.length + s.instances.length + (s.more ? 1 : 0);
const rowsOf = (items: number) => Math.ceil(items / PER_ROW);
const chipsHeight = (items: number) => (items > 0 ? rowsOf(items) * (CHIP_H + GAP) - GAP + PAD : 0);
const subnetHeight = (s: SubnetBox | undefined) => (s ? SUBNET_HEAD + chipsHeight(itemsOf(s)) : 0);
const chipAt = (x: number, y: number, i: number) => ({
  x: x + PAD + (i % PER_ROW) * (CHIP_W + GAP),
  y: y + ((i - (i % PER_ROW)) / PER_ROW) * (CHIP_H + GAP),
});

function routeText(s: SubnetBox, t: Translate): string {
  const r = s.internetRoute;
  if (!r) return t('no route to the internet');
  const to = r.name ? `${r.name} (${r.id})` : r.id;
  return r.blackhole ? t('0.0.0.0/0 → {0} (blackhole: the gateway is gone)', to) : t('0.0.0.0/0 → {0}', to);
}

function subnet(s: SubnetBox, x: number, y: number, h: number, t: Translate): string {
  const kind = s.isPublic ? t('public') : t('private');
  const route = routeText(s, t);
  const head = node(
    `subnet ${s.isPublic ? 'public' : 'private'}`,
    s.ref,
    `${t('Subnet')} ${s.name ?? s.id}, ${s.cidr}, ${kind}`,
    [s.name ?? s.id, s.id, `${s.cidr} · ${kind}`, route].join('\n'),
    rect('box', x, y, SUBNET_W, h, 6) +
      text('name', x + PAD, y + 19, fit(s.name ?? s.id, SUBNET_W - 2 * PAD, 13)) +
      text('detail', x + PAD, y + 35, fit(`${s.cidr} · ${kind}${s.name ? ` · ${s.id}` : ''}`, SUBNET_W - 2 * PAD, 11)) +
      text(`detail route${s.internetRoute ? '' : ' none'}`, x + PAD, y + 50, fit(route, SUBNET_W - 2 * PAD, 11)),
  );
  const top = y + SUBNET_HEAD;
  const parts: string[] = [];
  let i = 0;
  for (const n of s.natGateways) {
    const at = chipAt(x, top, i++);
    parts.push(natChip(n, at.x, at.y, t));
  }
  for (const c of s.instances) {
    const at = chipAt(x, top, i++);
    parts.push(instanceChip(c, at.x, at.y, t));
  }
  if (s.more) {
    const at = chipAt(x, top, i);
    parts.push(groupChip(s.more, at.x, at.y, t));
  }
  return head + parts.join('');
}

function loadBalancerBar(lb: LoadBalancerBar, x1: number, x2: number, y: number, t: Translate): string {
  const type = loadBalancerTypeText(lb.type, t);
  const scheme =
    lb.scheme === 'internet-facing' ? t('internet-facing') : lb.scheme === 'internal' ? t('internal') : lb.scheme;
  const health = t('{0} of {1} targets healthy', lb.healthy, lb.targets);
  const second = [stateText(lb.state, t), scheme, health].join(' · ');
  const w = x2 - x1;
  return node(
    `bar loadBalancer tone-${lb.tone}`,
    lb.ref,
    `${type} ${lb.name}, ${second}`,
    `${lb.name}\n${type}\n${second}`,
    rect('box', x1, y, w, BAR_H, 6) +
      `<circle class="dot" cx="${x1 + 14}" cy="${y + 15}" r="5"/>` +
      text('name', x1 + 26, y + 19, fit(`${lb.name} · ${type}`, w - 36, 13)) +
      text('detail', x1 + 10, y + 35, fit(second, w - 20, 11)),
  );
}

function autoScalingBar(g: AutoScalingBar, x1: number, x2: number, y: number, t: Translate): string {
  const second = t('desired {0} · min {1} · max {2} · {3} in service', g.desired, g.min, g.max, g.inService);
  const perAz = g.perAz.map((p) => `${p.az}: ${p.count}`).join(' · ');
  const w = x2 - x1;
  return node(
    'bar autoScaling',
    g.ref,
    `${t('Auto Scaling group')} ${g.name}, ${second}`,
    [g.name, second, perAz].filter(Boolean).join('\n'),
    rect('box', x1, y, w, BAR_H, 6) +
      text('name', x1 + 10, y + 19, fit(`${t('Auto Scaling group')} · ${g.name}`, w - 20, 13)) +
      text('detail', x1 + 10, y + 35, fit(second, w - 20, 11)),
  );
}

/** Row heights shared by all columns, so public and private rows line up across AZs. */
function rowHeights(columns: readonly AzColumn[], pick: (c: AzColumn) => readonly SubnetBox[]): number[] {
  const rows = Math.max(0, ...columns.map((c) => pick(c).length));
  return Array.from({ length: rows }, (_, r) => Math.max(...columns.map((c) => subnetHeight(pick(c)[r]))));
}

interface Drawn {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

function vpc(v: VpcBox, x0: number, y0: number, t: Translate): Drawn {
  const n = Math.max(1, v.columns.length);
  const width = VPC_PAD * 2 + n * COL_W + (n - 1) * COL_GAP;
  const colX = (i: number) => x0 + VPC_PAD + i * (COL_W + COL_GAP);
  const publicRows = rowHeights(v.columns, (c) => c.publicSubnets);
  const privateRows = rowHeights(v.columns, (c) => c.privateSubnets);
  const dbRows = Math.max(0, ...v.columns.map((c) => rowsOf(c.databases.length)));
  const top = y0 + VPC_HEAD + AZ_HEAD;
  const barsTop = top;
  const subnetsTop = barsTop + v.loadBalancers.length * (BAR_H + ROW_GAP);
  const rowTops: number[] = [];
  let y = subnetsTop;
  for (const h of [...publicRows, ...privateRows]) {
    rowTops.push(y);
    y += h + ROW_GAP;
  }
  const dbTop = y;
  if (dbRows > 0) y += DB_HEAD + dbRows * (CHIP_H + GAP) + ROW_GAP;
  const asgTop = y;
  y += v.autoScalingGroups.length * (BAR_H + ROW_GAP);
  if (v.columns.length === 0) y += 30;
  const height = y + VPC_PAD - y0;

  const lines: string[] = [];
  const back: string[] = [];
  const front: string[] = [];
  const subnetTops = new Map<string, { x: number; y: number; public: boolean }>();
  const subnetBottoms = new Map<string, { x: number; y: number; name: string }>();
  v.columns.forEach((c, i) => {
    const x = colX(i);
    back.push(
      node(
        'az',
        c.ref,
        `${t('Availability Zone')} ${c.az}`,
        [c.az, c.zoneId].filter(Boolean).join(' · '),
        rect('box', x, y0 + VPC_HEAD, COL_W, height - VPC_HEAD - VPC_PAD / 2, 6) +
          text('name', x + COL_PAD, y0 + VPC_HEAD + 19, `${c.az}${c.zoneId ? ` (${c.zoneId})` : ''}`),
      ),
    );
    const rows = [...c.publicSubnets, ...Array(publicRows.length - c.publicSubnets.length), ...c.privateSubnets];
    rows.forEach((s: SubnetBox | undefined, r) => {
      if (!s) return;
      const sx = x + COL_PAD;
      const sy = rowTops[r] ?? subnetsTop;
      const sh = (r < publicRows.length ? publicRows[r] : privateRows[r - publicRows.length]) ?? 0;
      subnetTops.set(s.id, { x: sx + SUBNET_W / 2, y: sy, public: s.isPublic });
      subnetBottoms.set(s.id, { x: sx + SUBNET_W / 2, y: sy + sh, name: s.name ?? s.id });
      front.push(subnet(s, sx, sy, sh, t));
    });
    if (c.databases.length > 0) {
      front.push(text('caption', x + COL_PAD, dbTop + 15, t('Databases')));
      c.databases.forEach((d, k) => {
        const at = chipAt(x + COL_PAD - PAD, dbTop + DB_HEAD, k);
        // A dashed line up to the subnet it runs in (its subnet group's in this AZ).
        const home = d.subnetId ? subnetBottoms.get(d.subnetId) : undefined;
        if (home) lines.push(line('dblink', at.x + PAD + CHIP_W / 2, at.y, home.x, home.y));
        front.push(dbChip(d, at.x + PAD, at.y, t, home?.name));
      });
    }
  });
  if (v.columns.length === 0) front.push(text('caption', x0 + VPC_PAD, top + 10, t('No subnets')));

  // The internet gateway on the VPC's top edge, over the public subnets; dashed routes down to each of them.
  const publicTops = [...subnetTops.values()].filter((s) => s.public);
  let igw = '';
  if (v.internetGateway) {
    const g = v.internetGateway;
    const cx =
      publicTops.length > 0
        ? (Math.min(...publicTops.map((p) => p.x)) + Math.max(...publicTops.map((p) => p.x))) / 2
        : x0 + width / 2;
    const gx = Math.min(Math.max(cx - IGW_W / 2, x0 + VPC_PAD), x0 + width - VPC_PAD - IGW_W);
    for (const p of publicTops) lines.push(line('route', gx + IGW_W / 2, y0 + IGW_H / 2, p.x, p.y));
    igw = node(
      'igw',
      g.ref,
      `${t('Internet gateway')} ${g.name ?? g.id}`,
      [t('Internet gateway'), g.name, g.id].filter(Boolean).join('\n'),
      rect('box', gx, y0 - IGW_H / 2, IGW_W, IGW_H, 6) +
        text('name', gx + IGW_W / 2, y0 - 2, t('Internet gateway'), 'middle') +
        text('detail', gx + IGW_W / 2, y0 + 13, fit(g.name ? `${g.name} · ${g.id}` : g.id, IGW_W - 16, 11), 'middle'),
    );
  }
  v.loadBalancers.forEach((lb, k) => {
    const by = barsTop + k * (BAR_H + ROW_GAP);
    for (const id of lb.subnetIds) {
      const s = subnetTops.get(id);
      if (s) lines.push(line('link', s.x, by + BAR_H, s.x, s.y));
    }
    front.push(loadBalancerBar(lb, colX(lb.span.first) + COL_PAD, colX(lb.span.last) + COL_W - COL_PAD, by, t));
  });
  v.autoScalingGroups.forEach((g, k) => {
    front.push(
      autoScalingBar(
        g,
        colX(g.span.first) + COL_PAD,
        colX(g.span.last) + COL_W - COL_PAD,
        asgTop + k * (BAR_H + ROW_GAP),
        t,
      ),
    );
  });
  const label = [
    `${t('VPC')} ${v.name ?? v.id}`,
    v.cidr,
    v.isDefault ? t('default VPC') : undefined,
    v.name ? v.id : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const frame = node(
    `vpc${v.lab ? ' lab' : ''}`,
    v.ref,
    label,
    label,
    rect('box', x0, y0, width, height, 8) +
      text('name', x0 + VPC_PAD, y0 + IGW_H / 2 + 17, fit(label, width - 2 * VPC_PAD, 13)),
  );
  // Lines under the boxes (the load balancer's bar covers the routes that cross it), the gateway over the edge.
  return {
    svg: `<g class="vpcGroup">${frame}${lines.join('')}${back.join('')}${front.join('')}${igw}</g>`,
    width,
    height,
  };
}

/** The region frame with these VPCs stacked in it (all of the model's when `vpcs` is not given). */
export function diagramSvg(model: DiagramModel, t: Translate, vpcs: readonly VpcBox[] = model.vpcs): string {
  const region = commonRegions(t).find((r) => r.code === model.region);
  const regionLabel = `${t('Region')} ${region ? `${region.name} · ${model.region}` : model.region}`;
  const drawn: string[] = [];
  let y = REGION_HEAD + IGW_OVER;
  let width = 0;
  for (const v of vpcs) {
    const d = vpc(v, REGION_PAD, y, t);
    drawn.push(d.svg);
    width = Math.max(width, d.width);
    y += d.height + IGW_OVER + ROW_GAP * 2;
  }
  const w = Math.max(width, 360) + REGION_PAD * 2;
  const h = y - IGW_OVER + REGION_PAD - ROW_GAP * 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="group" aria-label="${esc(regionLabel)}">` +
    `<g class="region">${rect('box', 1, 1, w - 2, h - 2, 10)}${text('name', REGION_PAD, 22, regionLabel)}</g>` +
    drawn.join('') +
    `</svg>`
  );
}
