// The remote file URIs: scheme + instance ID as authority + the absolute path, both ways.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  INDEX_HTML_PATH,
  normalizeRemotePath,
  parseRemoteUri,
  remoteUriParts,
  SSH_SCHEME,
} from '../../../src/ssh/remoteUri';

describe('remote file URIs', () => {
  it('names the instance by its ID and keeps the absolute path', () => {
    const parts = remoteUriParts({ instanceId: 'i-0123456789abcdef0', path: INDEX_HTML_PATH });
    assert.deepEqual(parts, {
      scheme: 'scaleoutlab-ssh',
      authority: 'i-0123456789abcdef0',
      path: '/var/www/html/index.html',
    });
    assert.deepEqual(parseRemoteUri(parts), { instanceId: 'i-0123456789abcdef0', path: '/var/www/html/index.html' });
  });

  it('reads an authority in any case (URI authorities are case-insensitive) and normalizes the path', () => {
    assert.deepEqual(
      parseRemoteUri({ scheme: SSH_SCHEME, authority: 'I-0ABCDEF12', path: '/var/www/./html/../html/' }),
      {
        instanceId: 'i-0abcdef12',
        path: '/var/www/html',
      },
    );
    assert.deepEqual(parseRemoteUri({ scheme: SSH_SCHEME, authority: 'i-0abcdef12', path: '' }), {
      instanceId: 'i-0abcdef12',
      path: '/',
    });
  });

  it('refuses other schemes and authorities that are not instance IDs', () => {
    assert.equal(parseRemoteUri({ scheme: 'file', authority: 'i-0abcdef12', path: '/x' }), undefined);
    assert.equal(parseRemoteUri({ scheme: SSH_SCHEME, authority: '13.112.0.10', path: '/x' }), undefined);
    assert.equal(parseRemoteUri({ scheme: SSH_SCHEME, authority: 'i-xyz', path: '/x' }), undefined);
    assert.equal(parseRemoteUri({ scheme: SSH_SCHEME, authority: '', path: '/x' }), undefined);
  });

  it('never climbs above the root', () => {
    assert.equal(normalizeRemotePath('/../../etc/passwd'), '/etc/passwd');
    assert.equal(normalizeRemotePath('relative/file'), '/relative/file');
    assert.equal(normalizeRemotePath('/'), '/');
  });
});
