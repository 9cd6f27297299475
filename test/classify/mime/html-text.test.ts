import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlToText } from '../../../src/classify/mime/html-text.js';

test('htmlToText strips tags and decodes entities', () => {
  const cases: [string, string][] = [
    [
      '<p>Delivery has failed</p><p>550 5.1.1 User unknown</p>',
      'Delivery has failed\n\n550 5.1.1 User unknown',
    ],
    ['a<br>b<br/>c', 'a\nb\nc'],
    ['<b>bold</b>   and\n  wrapped\nsource', 'bold and wrapped source'],
    ['&lt;user@example.org&gt; &amp; &quot;x&quot; &#65;&#x42;&nbsp;C', '<user@example.org> & "x" AB C'],
    ['&unknown; &constructor; &#0; &#xD800;', '&unknown; &constructor; \ufffd \ufffd'],
    ['<style>p { color: red }</style><script>if (a < b) x()</script>text', 'text'],
    ['<SCRIPT>hidden</SCRIPT >shown', 'shown'],
    ['<!-- a comment with <p> inside -->visible', 'visible'],
    ['<table><tr><td>550</td><td>unknown</td></tr></table>', '550 unknown'],
    ['unterminated <tag', 'unterminated'],
    ['<script>never closed', ''],
    ['', ''],
  ];
  for (const [input, expected] of cases) assert.equal(htmlToText(input), expected, input);
});

test('htmlToText is linear on hostile input', () => {
  const started = performance.now();
  htmlToText('<script>' + '</script'.repeat(100_000));
  htmlToText('<'.repeat(200_000));
  htmlToText('<!--'.repeat(100_000));
  assert.ok(performance.now() - started < 1000);
});
