/**
 * A web page as saved from a government site → the article's text, one block per line. The body is
 * found by Mozilla's Readability (over a linkedom DOM), so navigation, headers, footers, share bars
 * and scripts are left behind; `<p>`, `<br>`, list items, headings and table rows become lines, and
 * the text itself (full-width numbering included) is kept as written. The page's title leads when
 * the body does not start with it.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { IngestError } from '../errors';
import { ELEMENT_NODE, TEXT_NODE, type DomElement, type DomNode } from './dom';

/** Elements that end a line. */
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'THEAD',
  'TR',
  'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'SVG', 'BUTTON', 'FORM', 'NAV']);

/** The charset a page declares in its first bytes (`<meta charset=gbk>`), lower-cased, if any. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])/i.test(text.slice(0, 4096));
}

export function htmlToText(path: string, html: string): string {
  const { document } = parseHTML(html);
  const pageTitle = clean(document.querySelector('title')?.textContent ?? '');
  // Readability changes the DOM it reads: give it its own.
  const article = new Readability(
    parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0],
    {
      charThreshold: 100,
    },
  ).parse();
  const body = article?.content
    ? parseHTML(`<html><body>${article.content}</body></html>`).document.body
    : document.body;
  const lines = blockLines(body as unknown as DomElement);
  if (lines.length === 0) throw new IngestError('EMPTY', path, 'the page has no text');
  const title = articleTitle(document as unknown as DomElement, clean(article?.title ?? '') || pageTitle);
  if (title && !lines.slice(0, 3).some((l) => l.includes(title) || title.includes(l))) lines.unshift(title);
  return lines.join('\n') + '\n';
}

/**
 * The article's title: the page's heading that the `<title>` contains (sites append their own name
 * to it, `标题_某某网站`), else the `<title>` without a trailing site name after `_`, `|` or ` - `.
 */
function articleTitle(document: DomElement, title: string): string {
  const headings = Array.from(document.getElementsByTagName('h1')).concat(
    Array.from(document.getElementsByTagName('h2')),
  );
  const heading = headings.map((h) => clean(h.textContent ?? '')).find((h) => h && title.includes(h));
  return heading ?? title.replace(/\s*(_|\||\s-\s|－|——)\s*[^_|－]+$/, '').trim();
}

/** The element's text as lines: a block element starts and ends a line; blank lines are dropped. */
function blockLines(root: DomElement): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = clean(current);
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === TEXT_NODE) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = (node as DomElement).tagName.toUpperCase();
    if (SKIP.has(tag)) return;
    const block = BLOCK.has(tag);
    if (block) flush();
    if (tag === 'TD' || tag === 'TH') current += ' ';
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines;
}

/** Runs of spaces (not the ideographic space U+3000, which a document may use on purpose) as one. */
function clean(text: string): string {
  return text.replace(/[ \t\r\n\u00a0]+/g, ' ').trim();
}
