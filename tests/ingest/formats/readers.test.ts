/** Each reader on small inputs made here, and every kind of bad file refused with one line naming it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import PDFDocument from 'pdfkit';
import { formatNumber } from '../../../ingest/formats/docx';
import { htmlToText } from '../../../ingest/formats/html';
import { countLookalikes, normalizeLookalikes } from '../../../ingest/formats/normalize';
import { layoutPages, type PdfPage } from '../../../ingest/formats/pdf';
import { decodeText } from '../../../ingest/formats/text';
import { readText } from '../../../ingest/formats';
import { IngestError } from '../../../ingest/errors';
import { repoRoot } from '../../../testkit/db';
import { toDocx, toHtml, toPdf } from '../../../testkit/formats';

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<IngestError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message.split('\n')).toHaveLength(1);
    return err as IngestError;
  }
  throw new Error('expected a refusal');
}

const PLAN = `广东省推进粤港合作 2021 年重点工作

一、基础设施

1. 推进港珠澳大桥珠海公路口岸通关便利化。（省交通运输厅牵头）

2. 加快建设广州南沙粤港深度合作园。（广州市政府牵头）

二、金融合作

3. 支持深圳前海深港现代服务业合作区开展跨境金融创新。（深圳市政府牵头）
`;

describe('look-alike characters', () => {
  it('turns Kangxi radicals and compatibility ideographs into the characters they stand for', () => {
    const text = '\u2F34东省\u2F2F业和信息化厅 \uF9B1 ⼈⼤';
    expect(normalizeLookalikes(text)).toBe('广东省工业和信息化厅 \u9234 人大');
    expect(countLookalikes(text)).toBe(5);
  });

  it('leaves full-width numbers and punctuation alone', () => {
    expect(normalizeLookalikes('（一）１６．港澳')).toBe('（一）１６．港澳');
  });
});

describe('text encodings', () => {
  // A page of a real plan: encodings are told apart by character statistics, which need running text.
  const hant = readFileSync(
    path.join(repoRoot, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt'),
    'utf8',
  ).slice(0, 1500);
  const hans = readFileSync(
    path.join(repoRoot, 'tests/fixtures/documents/2021-guangdong-macao-cooperation-plan-simplified.txt'),
    'utf8',
  ).slice(0, 1500);

  it.each([
    ['UTF-8', Buffer.from(hant, 'utf8'), hant],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(hant)]), hant],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(hant, 'utf16le')]), hant],
    ['UTF-16BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(hant, 'utf16le').swap16()]), hant],
    ['Big5', iconv.encode(hant, 'big5'), hant],
    ['GB18030', iconv.encode(hans, 'gbk'), hans],
  ])('reads %s and says so', (encoding, bytes, text) => {
    expect(decodeText('plan.txt', bytes)).toEqual({ text, encoding });
  });

  it('refuses text too short to tell GBK from Big5, naming the file, line and offset', async () => {
    const err = await refusal(() => decodeText('gbk.txt', Buffer.from([0xd4, 0xc1, 0xb8, 0xdb])));
    expect(err.code).toBe('UNKNOWN_ENCODING');
    expect(err.message).toMatch(
      /^gbk\.txt:1: not valid UTF-8 \(first bad byte at offset 0\) and too short .*save it as UTF-8$/,
    );
  });

  it('refuses text in an encoding it does not read', async () => {
    const err = await refusal(() =>
      decodeText('cyrillic.txt', iconv.encode('Привет, мир! '.repeat(50), 'koi8-r')),
    );
    expect(err.code).toBe('UNKNOWN_ENCODING');
    expect(err.message).toMatch(/^cyrillic\.txt:1: not valid UTF-8 .*; save it as UTF-8$/);
  });

  it('refuses a UTF-16 BOM followed by broken UTF-16', async () => {
    const err = await refusal(() => decodeText('odd.txt', Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41])));
    expect(err.code).toBe('UNKNOWN_ENCODING');
  });
});

describe('web pages', () => {
  it('keeps the article and drops navigation, breadcrumbs, share bar, scripts and footer', () => {
    const text = htmlToText('page.html', toHtml(PLAN));
    expect(text.split('\n').filter(Boolean)).toEqual([
      '广东省推进粤港合作 2021 年重点工作',
      '一、基础设施',
      '1. 推进港珠澳大桥珠海公路口岸通关便利化。（省交通运输厅牵头）',
      '2. 加快建设广州南沙粤港深度合作园。（广州市政府牵头）',
      '二、金融合作',
      '3. 支持深圳前海深港现代服务业合作区开展跨境金融创新。（深圳市政府牵头）',
    ]);
  });

  it('makes a line of each <br>', () => {
    expect(htmlToText('page.html', toHtml(PLAN, { breaks: true }))).toContain('一、基础设施\n1. 推进');
  });
});

describe('Word files', () => {
  it('writes out the numbers Word draws from list formatting, restarting where the list restarts', async () => {
    const docx = await toDocx(
      '标题\n一、甲\n（一）子一\n（二）子二\n1. 措施一\n二、乙\n（一）子三\n2. 措施二\n4. 措施四\n',
    );
    const read = await readText('plan.docx', docx);
    expect(read.format).toBe('docx');
    expect(read.text.split('\n').filter(Boolean)).toEqual([
      '标题',
      '一、甲',
      '（一）子一',
      '（二）子二',
      '1.措施一',
      '二、乙',
      '（一）子三',
      '2.措施二',
      '4. 措施四', // not the next number: typed, not a list item
    ]);
  });

  it.each([
    [1, 'chineseCounting', '一'],
    [10, 'chineseCounting', '十'],
    [12, 'chineseCounting', '十二'],
    [20, 'chineseCountingThousand', '二十'],
    [105, 'chineseCounting', '一百零五'],
    [16, 'decimalFullWidth', '１６'],
    [3, 'decimalEnclosedCircle', '③'],
    [28, 'lowerLetter', 'ab'],
    [14, 'upperRoman', 'XIV'],
  ])('numbers %i in %s as %s', (n, format, expected) => {
    expect(formatNumber(n, format)).toBe(expected);
  });
});

describe('PDF layout', () => {
  const item = (text: string, x: number, y: number, width = text.length * 10) => ({
    text,
    x,
    y,
    width,
    height: 10,
  });
  const page = (n: number, body: ReturnType<typeof item>[]): PdfPage => ({
    width: 600,
    height: 800,
    items: [item('政府公报 2021 年第 8 期', 300, 760), ...body, item(`- ${n} -`, 290, 40)],
  });

  it('drops running heads and page numbers, joins wrapped lines, also across a page break', () => {
    const full = (text: string) => item(text, 100, 0, 400); // runs to the right margin
    const pages = [
      page(1, [
        { ...item('一、基础设施', 100, 700) },
        { ...full('1. 推进港珠澳大桥珠海公路口岸通关'), y: 680 },
        { ...item('便利化。', 100, 665) },
        { ...full('2. 加快建设广州南沙粤港深度合作'), y: 100 },
      ]),
      page(2, [{ ...item('园。', 100, 700) }, { ...item('二、金融合作', 100, 680) }]),
      page(3, [{ ...item('3. 支持前海跨境金融创新。', 100, 700) }]),
    ];
    expect(layoutPages(pages)).toBe(
      '一、基础设施\n1. 推进港珠澳大桥珠海公路口岸通关便利化。\n2. 加快建设广州南沙粤港深度合作园。\n二、金融合作\n3. 支持前海跨境金融创新。\n',
    );
  });
});

describe('bad files: one line naming the file', () => {
  it.each([
    ['empty.txt', Buffer.alloc(0), 'EMPTY'],
    [
      'binary.txt',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xff, 0x10]),
      'UNKNOWN_FORMAT',
    ],
    ['old.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'UNKNOWN_FORMAT'],
    ['damaged.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), 'UNKNOWN_FORMAT'],
    ['photos.docx', Buffer.from(zipSync({ 'a.jpg': strToU8('not a photo') })), 'UNKNOWN_FORMAT'],
    ['damaged.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer\n%%EOF'), 'UNKNOWN_FORMAT'],
  ])('%s', async (name, bytes, code) => {
    const err = await refusal(readText(name, bytes));
    expect(err.code).toBe(code);
    expect(err.message.startsWith(`${name}: `)).toBe(true);
  });

  it('a scanned PDF (pages without a text layer): OCR it first', async () => {
    const scan = await new Promise<Buffer>((resolve) => {
      const doc = new PDFDocument({ size: 'A4' });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.rect(72, 72, 400, 600).fill('#888'); // an "image" of a page
      doc.addPage().rect(72, 72, 400, 600).fill('#777');
      doc.end();
    });
    const err = await refusal(readText('scan.pdf', scan));
    expect(err.code).toBe('NO_TEXT_LAYER');
    expect(err.message).toBe('scan.pdf: has no text layer (2 pages of images: a scan?): OCR it first');
  });

  it('a Word file whose document part would unpack beyond the limit is refused before it is inflated', async () => {
    const huge = zipSync({ 'word/document.xml': new Uint8Array(65 * 1024 * 1024) }, { level: 9 });
    const err = await refusal(readText('bomb.docx', huge));
    expect(err.code).toBe('TOO_LARGE');
  });

  it('a PDF is still a PDF with Kangxi radicals in it, read as the characters they stand for', async () => {
    const read = await readText('plan.pdf', await toPdf(PLAN));
    expect(read.text).toContain('广州南沙粤港深度合作园');
    expect(read.text).not.toMatch(/[\u2F00-\u2FD5]/);
    expect(read.notes[0]).toMatch(/look-alike character\(s\)/);
  });
});
