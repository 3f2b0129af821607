// The diagram drawn: escaped text, the handouts' picture of Test-VPC, focusable nodes, both languages, and the
// page around it (CSP with a nonce, nothing remote, the others VPCs collapsed).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { diagramModel, MAX_CHIPS } from '../../../../src/present/diagram/model';
import { diagramBody, diagramPageHtml, diagramWords, modelBody } from '../../../../src/present/diagram/page';
import { diagramSvg, fit } from '../../../../src/present/diagram/svg';
import { bundleTranslator, loadBundle } from '../../../../src/present/l10n';
import { finishedLab, withInstance } from '../../../fixtures/labWorld';
import { repoRoot } from '../../../fixtures/repo';
import { auroraWorld, largeWorld, testVpcWorld } from './worlds';

const en = bundleTranslator();
const ja = bundleTranslator(loadBundle('ja', repoRoot));
const count = (s: string, part: string) => s.split(part).length - 1;

describe('diagram svg', () => {
  it('escapes names: a <script> in a Name tag is text, in the chip, its tooltip and its label', () => {
    const evil = '<script>alert("x")</script> & \'co\'';
    const inv = withInstance(finishedLab(), 'i-0web', { name: evil, tags: { Name: evil } });
    const svg = diagramSvg(diagramModel(inv), en);
    assert.ok(!/<script/i.test(svg), 'no script element');
    assert.ok(!svg.includes('alert("x")'), 'quotes escaped');
    assert.ok(
      svg.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;'),
      'tooltip keeps it as text',
    );
    assert.ok(svg.includes('aria-label="&lt;script&gt;'), 'aria-label escaped');
    assert.equal(count(svg, '<g'), count(svg, '</g>'));
  });

  it('draws Test-VPC as the handouts do: IGW, two AZs, public routes to the IGW, private without, the ALB', () => {
    const model = diagramModel(testVpcWorld());
    const svg = diagramSvg(model, en, [model.vpcs[0]!]);
    for (const word of [
      'Region Asia Pacific (Tokyo) · ap-northeast-1',
      'VPC Test-VPC · 10.0.0.0/16',
      'Internet gateway',
      'Test-VPC-igw · igw-0test',
      'ap-northeast-1a (apne1-aza)',
      'ap-northeast-1c (apne1-azc)',
      '>WebServer<',
      '>WebServer2<',
      'LoadBalancer · Application Load Balancer',
      'active · internet-facing · 1 of 2 targets healthy',
      'running · target: unhealthy',
    ])
      assert.ok(svg.includes(word), word);
    assert.equal(count(svg, '>0.0.0.0/0 → Test-VPC-igw (igw-0test)<'), 2);
    assert.equal(count(svg, '>no route to the internet<'), 2);
    assert.equal(count(svg, '<line class="route"'), 2, 'one dashed route per public subnet');
    assert.equal(count(svg, '<line class="link"'), 2, 'the ALB reaches both its subnets');
    assert.equal(count(svg, 'class="badge h-ok"'), 1, 'WebServer healthy behind the ALB');
    assert.equal(count(svg, 'class="badge h-bad"'), 1, 'WebServer2 unhealthy');
    assert.ok(svg.indexOf('<line class="route"') < svg.indexOf('class="node az"'), 'routes drawn under the columns');
    assert.equal(count(svg, 'class="node subnet public"'), 2);
    assert.equal(count(svg, 'class="node subnet private"'), 2);
    // Every node is a focusable button that carries what it reveals.
    assert.equal(count(svg, 'class="node '), count(svg, 'tabindex="0" role="button" data-ref="'));
    assert.ok(svg.includes('data-ref="{&quot;kind&quot;:&quot;instance&quot;,&quot;id&quot;:&quot;i-0clone&quot;}"'));
  });

  it('speaks Japanese with the Japanese bundle', () => {
    const svg = diagramSvg(diagramModel(testVpcWorld()), ja);
    for (const word of ['インターネットゲートウェイ', 'パブリック', 'プライベート', 'リージョン', '実行中'])
      assert.ok(svg.includes(word), word);
    assert.ok(!svg.includes('no route to the internet'));
  });

  it('stays small for 1,000 instances: MAX_CHIPS nodes per subnet, the rest counted', () => {
    const svg = diagramSvg(diagramModel(largeWorld(1000)), en);
    assert.equal(count(svg, 'class="node chip instance'), 3 * (MAX_CHIPS - 1));
    assert.equal(count(svg, 'class="node chip group'), 3);
    assert.ok(svg.includes('>328 more instances<'), 'WebServer’s subnet: 335 - 7');
    assert.ok(svg.length < 100_000, `${svg.length} characters`);
  });

  it('cuts long text to its box with an ellipsis, wide characters counting double', () => {
    assert.equal(fit('WebServer', 200), 'WebServer');
    assert.equal(fit('a'.repeat(100), 60, 10), `${'a'.repeat(10)}…`);
    assert.ok(fit('プライベートサブネット-1a-とても長い名前', 100, 12).endsWith('…'));
  });
});

describe('diagram page', () => {
  it('draws the lab’s VPC open and the others behind a closed <details>', () => {
    const body = modelBody(diagramModel(testVpcWorld()), en);
    assert.equal(count(body, '<section id="lab">'), 1);
    assert.equal(count(body, '<details data-vpc="vpc-1">'), 1);
    assert.ok(!body.includes('<details open'));
    assert.ok(body.includes('<summary>vpc-1 · 172.31.0.0/16 · default VPC · 0 instances</summary>'));
  });

  it('is locked down: a CSP with a nonce for its style and script, nothing remote', () => {
    const html = diagramPageHtml(
      diagramBody({ status: 'loaded', inventory: testVpcWorld() }, en),
      diagramWords(en),
      'NONCE',
      'vscode-resource:',
    );
    assert.match(
      html,
      /content="default-src 'none'; style-src vscode-resource: 'nonce-NONCE'; script-src 'nonce-NONCE'/,
    );
    assert.equal(count(html, '<script nonce="NONCE">'), 1);
    assert.equal(count(html, '<script'), 1);
    assert.equal(count(html, '<style nonce="NONCE">'), 1);
    assert.deepEqual(html.match(/https?:\/\/[^"\s]+/g), ['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg']);
    assert.ok(!/ style="/.test(html), 'no inline style attributes (the CSP forbids them)');
  });

  it('says it is reading before the first inventory', () => {
    assert.match(diagramBody({ status: 'loading' }, en).body, /Reading the account…/);
  });
});

describe('diagram svg: the database tier', () => {
  it('ties each database chip to its subnet with a dotted line, names the subnet, in both languages', () => {
    const model = diagramModel(auroraWorld());
    const svg = diagramSvg(model, en, [model.vpcs[0]!]);
    assert.equal(count(svg, '<line class="dblink"'), 2, 'writer and reader each to their private subnet');
    assert.ok(svg.includes('aurora-mysql · writer'));
    assert.ok(svg.includes('aurora-mysql · reader'));
    assert.ok(svg.includes('Subnet プライベートサブネット-1c'), 'the reader’s subnet in its tooltip');
    const jaSvg = diagramSvg(model, ja, [model.vpcs[0]!]);
    assert.ok(jaSvg.includes('aurora-mysql · ライター'));
    assert.ok(jaSvg.includes('aurora-mysql · リーダー'));
    assert.ok(jaSvg.includes('サブネット プライベートサブネット-1a'));
    assert.ok(svg.indexOf('<line class="dblink"') < svg.indexOf('class="node az"'), 'drawn under the columns');
  });
});
