// The host pass's track 4, after track 1: step 4.1 run from the command palette (Enter accepts the plan: the
// handout's CIDRs and names, no NAT gateway) and its notification; the checklist's "Track 4" with 4.1 and 4.2 done;
// Test-VPC's subnets public and private in the explorer (explorer-test-vpc.png); Test-VPC drawn in the lab diagram,
// two AZ columns, public above private, the internet gateway on top (diagram-test-vpc.png); a click on a subnet
// selecting its explorer row. Each check is one record() that can fail.
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { showVpcDiagramAndReveal } from './diagramUi';
import { openExplorerToVpc } from './explorerUi';
import { readTrackInChecklist, runStepFromPalette } from './labUi';

type Record = (name: string, ok: boolean, detail?: string) => void;

export async function track4Pass(page: Page, record: Record, artifacts: string): Promise<void> {
  const explorerVpcShot = join(artifacts, 'explorer-test-vpc.png');
  const diagramVpcShot = join(artifacts, 'diagram-test-vpc.png');
  try {
    const said = await runStepFromPalette(page, '4.1 Create Test-VPC');
    record(
      `ui: step 4.1 Create Test-VPC run from the command palette with Enter says done ("${said}")`,
      /^4\.1 Create Test-VPC.*: done\./.test(said),
      said,
    );
    const track = await readTrackInChecklist(page, 'Track 4', ['4.1', '4.2']);
    const stepDone = (id: string) => track.steps.some((r) => r.startsWith(`${id} `) && /\bdone$/.test(r));
    record(
      `ui: the checklist shows "${track.track}" with 4.1 and 4.2 done (${track.steps.join('; ')})`,
      /^Track 4 · A network from scratch\b/.test(track.track) && stepDone('4.1') && stepDone('4.2'),
      [track.track, ...track.steps].join('\n'),
    );
    const net = await openExplorerToVpc(page, 'Test-VPC', explorerVpcShot);
    const tiers = net.subnets.map((r) => /^(\S+) (10\.0\.\d\.0\/24) · (public|private)$/.exec(r)?.slice(1).join(' '));
    record(
      `ui: the explorer shows Test-VPC (${net.vpc}) with its subnets public and private (${net.subnets.join('; ')})`,
      /^Test-VPC 10\.0\.0\.0\/16\b/.test(net.vpc) &&
        JSON.stringify([...tiers].sort()) ===
          JSON.stringify(
            [
              'パブリックサブネット-1a 10.0.0.0/24 public',
              'パブリックサブネット-1c 10.0.1.0/24 public',
              'プライベートサブネット-1a 10.0.2.0/24 private',
              'プライベートサブネット-1c 10.0.3.0/24 private',
            ].sort(),
          ),
      net.rows.join('\n'),
    );
    console.log(`host: screenshot ${relative(process.cwd(), explorerVpcShot)}`);
    const d = await showVpcDiagramAndReveal(
      page,
      'Test-VPC',
      { subnets: 4, click: 'パブリックサブネット-1a' },
      diagramVpcShot,
    );
    const at = (tier: string, az: string) => d.subnets.filter((s) => s.tier === tier && s.az === az);
    const columnsOk = d.columns.length === 2 && d.columns.every((az) => /^ap-northeast-1[ac]$/.test(az));
    const layered = d.columns.every(
      (az) =>
        at('public', az).length === 1 &&
        at('private', az).length === 1 &&
        at('public', az)[0]!.top < at('private', az)[0]!.top,
    );
    record(
      `ui: the diagram draws Test-VPC in two AZ columns (${d.columns.join(', ')}), public above private (${d.subnets.map((s) => `${s.name} ${s.tier} in ${s.az} at ${s.top}`).join('; ')}), the internet gateway on top ("${d.igw}")`,
      /^VPC Test-VPC · 10\.0\.0\.0\/16/.test(d.vpc) &&
        columnsOk &&
        layered &&
        /^Internet gateway /.test(d.igw) &&
        d.subnets.every((s) => d.igwCentre < s.top),
      JSON.stringify(d, null, 2),
    );
    record(
      `ui: a click on パブリックサブネット-1a in the diagram selects its explorer row ("${d.selectedRow}")`,
      /^パブリックサブネット-1a 10\.0\.0\.0\/24 · public$/.test(d.selectedRow),
      d.selectedRow,
    );
    console.log(`host: screenshot ${relative(process.cwd(), diagramVpcShot)}`);
  } catch (e) {
    await page.screenshot({ path: join(artifacts, 'track4-failure.png') }).catch(() => undefined);
    record(
      'ui: track 4 (4.1 from the palette, checklist, explorer, diagram)',
      false,
      `${(e as Error).message}\n(see .test-artifacts/host/track4-failure.png)`,
    );
  }
}
