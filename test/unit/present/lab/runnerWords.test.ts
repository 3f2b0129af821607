// Runner words that once read wrong: an empty AMI name slipped into "from the AMI  in another Availability Zone".
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { reason } from '../../../../src/lab/codes';
import { bundleTranslator, loadBundle } from '../../../../src/present/l10n';
import { reasonText } from '../../../../src/present/lab/reasons';

describe('clone.missing', () => {
  const en = bundleTranslator();
  const ja = bundleTranslator(loadBundle('ja'));

  it('names the AMI when there is one', () => {
    const words = reasonText(reason('clone.missing', { image: 'AMI of CPS Research Center' }), en);
    assert.match(words, /from the AMI AMI of CPS Research Center in another Availability Zone/);
  });

  it('with no AMI name, no empty name in the sentence (English and Japanese)', () => {
    for (const t of [en, ja]) {
      const words = reasonText(reason('clone.missing', { image: '' }), t);
      assert.doesNotMatch(words, / {2}|\{0\}/, words);
      assert.match(words, /WebServer2/);
    }
    assert.match(reasonText(reason('clone.missing', { image: '' }), en), /from WebServer's AMI in another/);
    assert.match(reasonText(reason('clone.missing', {}), ja), /WebServer の AMI から/);
  });
});
