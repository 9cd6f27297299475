/** Tags after which a browser starts a new line: they become '\n' so line-based readers still work. */
const BREAK_TAGS =
  'br p div tr li ul ol table h1 h2 h3 h4 h5 h6 blockquote pre hr dt dd title section article';
const BREAKS = new Set(BREAK_TAGS.split(' '));
/** Elements whose content is not text, with the search for their end tag. */
const HIDDEN = new Map(['script', 'style', 'head'].map((name) => [name, new RegExp(`</${name}`, 'gi')]));
const ENTITIES = new Map(
  Object.entries({
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    nbsp: ' ',
    copy: '©',
    reg: '®',
    trade: '™',
    hellip: '…',
    mdash: '—',
    ndash: '–',
    laquo: '«',
    raquo: '»',
    lsquo: '‘',
    rsquo: '’',
    ldquo: '“',
    rdquo: '”',
    bull: '•',
    middot: '·',
    euro: '€',
    yen: '¥',
    pound: '£',
    cent: '¢',
    shy: '',
  }),
);
const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/**
 * Crude HTML to text for text/html-only reports: drops tags, comments, scripts and styles in one
 * linear indexOf scan, turns block tags into newlines, collapses source whitespace, decodes entities.
 * Not a renderer: enough for phrase matching and reading a diagnostic line.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let pos = 0;
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) {
      out.push(collapse(html.slice(pos)));
      break;
    }
    if (lt > pos) out.push(collapse(html.slice(pos, lt)));
    if (html.startsWith('!--', lt + 1)) {
      const close = html.indexOf('-->', lt + 4);
      pos = close === -1 ? html.length : close + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) break; // an unterminated tag hides the rest, as in a browser
    const closing = html.charCodeAt(lt + 1) === 0x2f;
    let nameEnd = closing ? lt + 2 : lt + 1;
    while (nameEnd < gt && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(closing ? lt + 2 : lt + 1, nameEnd).toLowerCase();
    pos = gt + 1;
    if (BREAKS.has(name)) out.push('\n');
    else if (name === 'td' || name === 'th') out.push(' ');
    const hidden = closing ? undefined : HIDDEN.get(name);
    if (hidden !== undefined) pos = skipHidden(html, pos, hidden);
  }
  return out
    .join('')
    .replace(ENTITY, decodeEntity)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The offset after the element's end tag, or the end when it is never closed. */
function skipHidden(html: string, from: number, endTag: RegExp): number {
  endTag.lastIndex = from;
  if (endTag.exec(html) === null) return html.length;
  const gt = html.indexOf('>', endTag.lastIndex);
  return gt === -1 ? html.length : gt + 1;
}

function isNameChar(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function decodeEntity(whole: string, body: string): string {
  if (body.charCodeAt(0) !== 0x23) return ENTITIES.get(body) ?? ENTITIES.get(body.toLowerCase()) ?? whole;
  const code =
    body.charCodeAt(1) === 0x78 || body.charCodeAt(1) === 0x58
      ? parseInt(body.slice(2), 16)
      : Number(body.slice(1));
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}
