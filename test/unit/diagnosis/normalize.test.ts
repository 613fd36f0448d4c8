// normalizePaste: Teams HTML to text, entities, docker json-file lines, repeated escapes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizePaste, unescapeOnce } from '#src/diagnosis/normalize.ts';

describe('normalizePaste', () => {
  it('turns Teams HTML into text and drops mentions', () => {
    const html =
      '<div><at id="0">IoT Hub On-Call</at>&nbsp;look:</div><p>line&nbsp;one</p><p>line two<br>line three</p>' +
      '<p><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="1">Camille</span> thanks</p>';
    const text = normalizePaste(html);
    assert.ok(!text.includes('IoT Hub On-Call'), 'bot mention removed');
    assert.ok(!text.includes('Camille'), 'colleague mention removed');
    assert.ok(!/[<>]/.test(text), text);
    assert.deepEqual(
      text.split('\n').map((l) => l.trim()).filter(Boolean),
      ['look:', 'line one', 'line two', 'line three', 'thanks'],
    );
  });

  it('decodes entities, including double-encoded ones', () => {
    assert.equal(normalizePaste('{&quot;a&quot;:&#39;b&#39;, &lt;x&gt; &amp;quot;q&amp;quot; &#x2F; &#43;}'), '{"a":\'b\', <x> "q" / +}');
  });

  it('keeps <pre> newlines and decodes escaped angle brackets of .NET frames', () => {
    const text = normalizePaste('<pre>at X.&lt;OnOpenAsync&gt;d__29.MoveNext()\n   at Y()</pre>');
    assert.equal(text.trim(), 'at X.<OnOpenAsync>d__29.MoveNext()\n   at Y()');
  });

  it('leaves angle brackets of plain-text pastes alone', () => {
    const text = '<- [DETACH]* {3,true}\nat Transport.<OnOpenAsync>d__29.MoveNext()';
    assert.equal(normalizePaste(text), text);
  });

  it('removes <at> mentions from plain activity text too', () => {
    assert.equal(normalizePaste('<at>IoT Hub On-Call</at> 500001 ServerError'), ' 500001 ServerError');
  });

  it('unwraps JSON escaped two and three times', () => {
    const once = JSON.stringify({ errorCode: 404103, trackingId: 'x' });
    const twice = JSON.stringify({ Message: once });
    const thrice = JSON.stringify({ body: twice });
    const text = normalizePaste(thrice);
    assert.ok(text.includes('"errorCode":404103'), text);
    assert.ok(!text.includes('\\'), text);
  });

  it('undoes \\uXXXX, \\xNN, \\/ and Python \\\' escapes', () => {
    assert.equal(unescapeOnce('a\\u0026b \\x41 \\/ it\\\'s \\"q\\" \\\\n'), 'a&b A / it\'s "q" \\n');
    assert.equal(normalizePaste('a\\\\u0026b'), 'a&b');
  });

  it('unwraps docker json-file lines, keeping the container time when the log has none', () => {
    const lines = [
      JSON.stringify({ log: '2019-06-23 10:20:57.469 +00:00 [INF] - Hello\n', stream: 'stdout', time: '2019-06-23T10:20:57.469912381Z' }),
      JSON.stringify({ log: 'continuation without time\n', stream: 'stderr', time: '2019-06-23T10:20:58.000000000Z' }),
      '{"log": not json}',
    ].join('\n');
    assert.deepEqual(normalizePaste(lines).split('\n'), [
      '2019-06-23 10:20:57.469 +00:00 [INF] - Hello',
      '2019-06-23T10:20:58.000000000Z continuation without time',
      '{"log": not json}',
    ]);
  });

  it('normalises line endings and strips zero-width characters', () => {
    assert.equal(normalizePaste('a\r\nb\rc\u200B\uFEFFd'), 'a\nb\ncd');
  });
});
