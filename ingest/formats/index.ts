/**
 * Any supported file → the text the pipeline parses, and how it was read. The format is told by
 * the bytes (a PDF header, a ZIP with a Word document, an HTML page), the extension only breaking
 * ties; each format has its reader module beside this one. Every reader's text then has its
 * look-alike characters normalised (normalize.ts).
 */
import { extname } from 'node:path';
import { IngestError } from '../errors';
import { docxToText, isZip } from './docx';
import { declaredCharset, htmlToText, looksLikeHtml } from './html';
import { countLookalikes, normalizeLookalikes } from './normalize';
import { isPdf, pdfToText } from './pdf';
import { decodeText } from './text';

export type SourceFormat = 'text' | 'markdown' | 'html' | 'docx' | 'pdf';

/** Extensions a folder is expanded to. */
export const DOCUMENT_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.docx', '.pdf'] as const;

export interface ReadText {
  text: string;
  format: SourceFormat;
  /** For text and HTML: the encoding read (`UTF-8`, `GB18030`, `Big5`, …). */
  encoding?: string;
  /** What the reader changed that a user may want to know (look-alike characters replaced). */
  notes: string[];
}

export async function readText(path: string, bytes: Uint8Array): Promise<ReadText> {
  if (bytes.length === 0) throw new IngestError('EMPTY', path, 'file is empty');
  const ext = extname(path).toLowerCase();
  let read: Omit<ReadText, 'notes'>;
  if (isPdf(bytes)) read = { text: await pdfToText(path, bytes), format: 'pdf' };
  else if (isZip(bytes)) read = { text: docxToText(path, bytes), format: 'docx' };
  else if (
    ext === '.doc' ||
    (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
  )
    throw new IngestError(
      'UNKNOWN_FORMAT',
      path,
      'is an old Word .doc (or another OLE file): save it as .docx',
    );
  else {
    const decoded = decodeText(path, bytes, declaredCharset(bytes));
    if (ext === '.html' || ext === '.htm' || looksLikeHtml(decoded.text))
      read = { text: htmlToText(path, decoded.text), format: 'html', encoding: decoded.encoding };
    else
      read = { text: decoded.text, format: ext === '.md' ? 'markdown' : 'text', encoding: decoded.encoding };
  }
  const lookalikes = countLookalikes(read.text);
  const notes =
    lookalikes > 0
      ? [`${lookalikes} look-alike character(s) (Kangxi radicals, compatibility ideographs) replaced`]
      : [];
  return { ...read, text: lookalikes > 0 ? normalizeLookalikes(read.text) : read.text, notes };
}

const FORMAT_NAMES: Record<SourceFormat, string> = {
  text: 'text',
  markdown: 'Markdown',
  html: 'web page',
  docx: 'Word',
  pdf: 'PDF',
};

/** How a file was read, for people: `PDF`, `web page, GB18030`, `text, Big5`. */
export function describeRead(read: { format: SourceFormat; encoding?: string }): string {
  const encoding = read.encoding && !read.encoding.startsWith('UTF-8') ? `, ${read.encoding}` : '';
  return FORMAT_NAMES[read.format] + encoding;
}
