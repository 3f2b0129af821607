// What the web tier saw during a failover: each answer classified as a student reads it, the downtime measured.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { classifyAnswer, measureDowntime, type SiteSample } from '../../../src/lab/failover';

const at = (atMs: number, answer: SiteSample['answer']): SiteSample => ({ atMs, answer });

describe('classifyAnswer', () => {
  it('the site, WordPress’s database error (either language), the 504, other errors, no answer', () => {
    assert.equal(classifyAnswer({ host: 'h', path: '/', status: 200, body: '<p>Hello</p>' }), 'site');
    assert.equal(
      classifyAnswer({ host: 'h', path: '/', status: 500, body: '<h1>データベース接続確立エラー</h1>' }),
      'dbError',
    );
    assert.equal(
      classifyAnswer({ host: 'h', path: '/', status: 200, body: '<h1>Error establishing a database connection</h1>' }),
      'dbError',
    );
    assert.equal(classifyAnswer({ host: 'h', path: '/', status: 504, body: '504 Gateway Time-out' }), 'gatewayTimeout');
    assert.equal(classifyAnswer({ host: 'h', path: '/', status: 503, body: '' }), 'serverError');
    assert.equal(classifyAnswer({ host: 'h', path: '/', error: 'timeout' }), 'noAnswer');
  });
});

describe('measureDowntime', () => {
  it('the longest stretch without the site, to the first good answer after it', () => {
    const samples = [
      at(0, 'site'),
      at(500, 'dbError'),
      at(1000, 'site'),
      at(1500, 'gatewayTimeout'),
      at(2000, 'dbError'),
      at(2500, 'noAnswer'),
      at(3000, 'site'),
      at(3500, 'site'),
    ];
    assert.deepEqual(measureDowntime(samples), { downtimeMs: 1500, downFromMs: 1500, downToMs: 3000, recovered: true });
  });

  it('no downtime when every answer is the site; still down at the end is not recovered', () => {
    assert.deepEqual(measureDowntime([at(0, 'site'), at(500, 'site')]), { downtimeMs: 0, recovered: true });
    assert.deepEqual(measureDowntime([at(0, 'site'), at(500, 'dbError'), at(1500, 'dbError')]), {
      downtimeMs: 1000,
      downFromMs: 500,
      downToMs: 1500,
      recovered: false,
    });
  });
});
