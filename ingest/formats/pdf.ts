/**
 * A PDF's text layer → the document's text. pdf.js (in a worker thread with a capped heap,
 * pdf-worker.mjs) gives text items with positions; here they become lines again (items on one
 * baseline, left to right), running heads, running feet and page numbers that repeat page after
 * page are dropped, and the lines of one paragraph (a line that runs to the right margin and does
 * not end a sentence goes on in the next, across a page break too) are joined. A PDF without a text
 * layer (a scan) is refused: there is nothing to read until it is OCRed.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { IngestError } from '../errors';

export interface PdfItem {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
}

/** Heap of the reading thread, and how long it may take. */
const WORKER_HEAP_MB = 512;
const READ_TIMEOUT_MS = 120_000;

export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-');
}

export async function pdfToText(file: string, bytes: Uint8Array): Promise<string> {
  const pages = await readPages(file, bytes);
  if (!pages.some((p) => p.items.some((i) => i.text.trim())))
    throw new IngestError(
      'NO_TEXT_LAYER',
      file,
      `has no text layer (${pages.length} page${pages.length === 1 ? '' : 's'} of images: a scan?): OCR it first`,
    );
  return layoutPages(pages);
}

function readPages(file: string, bytes: Uint8Array): Promise<PdfPage[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'pdf-worker.mjs'), {
      workerData: { bytes: new Uint8Array(bytes) },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: true,
      stderr: true,
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(
        new IngestError('UNREADABLE', file, `reading the PDF took longer than ${READ_TIMEOUT_MS / 1000} s`),
      );
    }, READ_TIMEOUT_MS);
    const done = () => clearTimeout(timer);
    worker.once('message', (message: { pages?: PdfPage[]; error?: { name: string; message: string } }) => {
      done();
      void worker.terminate();
      if (message.pages) resolve(message.pages);
      else
        reject(
          new IngestError(
            message.error?.name === 'PasswordException' ? 'UNREADABLE' : 'UNKNOWN_FORMAT',
            file,
            message.error?.name === 'PasswordException'
              ? 'is a password-protected PDF'
              : `is not a readable PDF (${message.error?.message ?? 'unknown error'})`,
          ),
        );
    });
    worker.once('error', (error) => {
      done();
      reject(
        new IngestError('UNREADABLE', file, `reading the PDF failed (${error.message})`, { cause: error }),
      );
    });
  });
}

interface Line {
  text: string;
  left: number;
  right: number;
  y: number;
  height: number;
}

/** A page's items as lines, top to bottom. */
export function pageLines(page: PdfPage): Line[] {
  const items = page.items.filter((i) => i.text.trim()).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfItem[][] = [];
  for (const item of items) {
    const row = rows.find((r) => Math.abs(r[0]!.y - item.y) <= Math.max(r[0]!.height, item.height) * 0.4);
    if (row) row.push(item);
    else rows.push([item]);
  }
  return rows
    .map((row) => {
      row.sort((a, b) => a.x - b.x);
      let text = '';
      let end = -Infinity;
      for (const item of row) {
        // A gap wider than a third of a character between two Latin words is a space; CJK has none.
        const gap = item.x - end;
        if (text && gap > item.height * 0.3 && /[\w,.;:)]$/.test(text) && /^[\w(]/.test(item.text))
          text += ' ';
        text += item.text;
        end = item.x + item.width;
      }
      return {
        text: text.replace(/\s+/g, ' ').trim(),
        left: row[0]!.x,
        right: end,
        y: row[0]!.y,
        height: Math.max(...row.map((i) => i.height)),
      };
    })
    .filter((l) => l.text)
    .sort((a, b) => b.y - a.y);
}

const PAGE_NUMBER =
  /^[-—–－\s]*(第\s*)?[0-9０-９]+(\s*页|\s*頁)?(\s*[/／]\s*[0-9]+)?[-—–－\s]*$|^[-—–－]\s*[0-9]+\s*[-—–－]$/;
const SENTENCE_END = /[。；;：:！!？?」』”）)]$/;
const STARTS_ITEM =
  /^([一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百0-9０-９]+[）)]|[0-9０-９]+[.．、]|第[一二三四五六七八九十百]+[章节節条條部分]|附件|[-•·])/;

/** Lines that repeat at the top or bottom of most pages (digits aside): running heads and feet. */
function runningLines(pages: Line[][]): Set<string> {
  const counts = new Map<string, number>();
  const key = (l: Line) => l.text.replace(/[0-9０-９]+/g, '#');
  for (const lines of pages) {
    const edge = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map(key));
    for (const k of edge) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const out = new Set<string>();
  if (pages.length >= 3) for (const [k, n] of counts) if (n >= Math.max(3, pages.length * 0.6)) out.add(k);
  return out;
}

export function layoutPages(pages: PdfPage[]): string {
  const linesByPage = pages.map(pageLines);
  const running = runningLines(linesByPage);
  const key = (l: Line) => l.text.replace(/[0-9０-９]+/g, '#');
  const kept = linesByPage.map((lines) =>
    lines.filter((l, i) => {
      const atEdge = i < 2 || i >= lines.length - 2;
      return !(atEdge && (PAGE_NUMBER.test(l.text) || running.has(key(l))));
    }),
  );
  // The right margin of the text, per page: a line that reaches it was wrapped.
  const paragraphs: string[] = [];
  let open = false;
  kept.forEach((lines) => {
    const right = Math.max(...lines.map((l) => l.right), 0);
    lines.forEach((line, i) => {
      const joins = open && !STARTS_ITEM.test(line.text);
      if (joins) paragraphs[paragraphs.length - 1] += line.text;
      else paragraphs.push(line.text);
      const next = lines[i + 1];
      const full = right - line.right < line.height * 1.5;
      const gapBelow = next ? line.y - next.y > line.height * 2.2 : false;
      open = full && !SENTENCE_END.test(line.text) && !gapBelow;
    });
  });
  return paragraphs.join('\n') + '\n';
}
