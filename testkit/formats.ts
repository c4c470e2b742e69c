/**
 * A test document's plain text made into the files governments publish, the way they publish them:
 * a web page with navigation, breadcrumbs, a share bar, scripts and a footer around the article; a
 * Word file whose section, subsection and measure numbers live in Word's list formatting; a PDF
 * with a running head, page numbers and lines wrapped at the margin (Noto CJK from Debian, some
 * characters written as Kangxi radicals, as PDF text layers often carry them); GB18030 and Big5
 * text. The format tests read each back and compare it with the plain text.
 */
import { AlignmentType, Document, Header, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import iconv from 'iconv-lite';
import PDFDocument from 'pdfkit';

export const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** The document's lines without Markdown's marks (a page or a Word file has none). */
export function plainLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/^#+\s*/, '')
        .replace(/\*\*(.*?)\*\*/g, '$1')
        .replace(/^\*(.*)\*$/, '$1')
        .trim(),
    )
    .filter(Boolean);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A government site's article page. `breaks`: the body as one `<p>` with `<br>` between lines
 * (some sites do that) instead of a `<p>` per line.
 */
export function toHtml(text: string, options: { charset?: string; breaks?: boolean } = {}): string {
  const [title = '', ...body] = plainLines(text);
  const paragraphs = options.breaks
    ? `<p>${body.map(escapeHtml).join('<br>\n')}</p>`
    : body.map((l) => `<p style="text-indent:2em">${escapeHtml(l)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="${options.charset ?? 'utf-8'}">
<title>${escapeHtml(title)}_政府门户网站</title>
<script>var _hmt = _hmt || []; (function () { var hm = document.createElement("script"); })();</script>
<style>.nav li { display: inline; }</style>
</head>
<body>
<div class="top"><a href="/">无障碍</a> <a href="/">长者模式</a> <a href="/en">English</a></div>
<div class="header"><div class="logo">省人民政府门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li><li><a href="/bs">办事服务</a></li><li><a href="/hd">互动交流</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zw">政务公开</a> &gt; 政策文件</div>
<div class="article">
<h1 class="article-title">${escapeHtml(title)}</h1>
<div class="info">发布日期：2021-03-02\u3000来源：本网\u3000字号：<a>大</a> <a>中</a> <a>小</a> <span class="share">分享到：<a>微信</a> <a>微博</a></span></div>
<div class="article-content" id="zoom">
${paragraphs}
</div>
<div class="print"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">政策解读</a></li><li><a href="/b">图解</a></li></ul></div>
<div class="footer"><p>主办单位：省人民政府办公厅</p><p>网站标识码：4400000000\u3000ICP备案号：粤ICP备00000000号</p></div>
<script>window.__stats = { page: "article" };</script>
</body>
</html>
`;
}

/** Page bytes in an encoding of the page's own (`gb18030`, `big5`), declared in its `<meta charset>`. */
export function encodeHtml(text: string, charset: string): Buffer {
  return iconv.encode(toHtml(text, { charset }), charset);
}

/** Text in a legacy encoding (`gb18030`, `big5`), as old files on government sites are. */
export function encodeText(text: string, encoding: string): Buffer {
  return iconv.encode(text, encoding);
}

const CN = '一二三四五六七八九十';
/** 一 → 1, 十二 → 12, 二十 → 20 (up to 99: section numbers). */
function chineseValue(s: string): number {
  if (s === '十') return 10;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? CN.indexOf(m[1]) + 1 : 1) * 10 + (m[2] ? CN.indexOf(m[2]) + 1 : 0);
  return s.length === 1 ? CN.indexOf(s) + 1 : NaN;
}

interface ListStyle {
  reference: string;
  match: RegExp;
  value: (n: string) => number;
  format: (typeof LevelFormat)[keyof typeof LevelFormat];
  text: string;
  /** A list that starts again after each line of this list. */
  restartsAfter?: string;
}

const LISTS: ListStyle[] = [
  {
    reference: 'sections',
    match: /^([一二三四五六七八九十]+)、(.*)$/,
    value: chineseValue,
    format: LevelFormat.CHINESE_COUNTING,
    text: '%1、',
  },
  {
    reference: 'subsections',
    match: /^（([一二三四五六七八九十]+)）(.*)$/,
    value: chineseValue,
    format: LevelFormat.CHINESE_COUNTING,
    text: '（%1）',
    restartsAfter: 'sections',
  },
  {
    reference: 'measures-dot',
    match: /^(\d+)\.\s*(.*)$/,
    value: Number,
    format: LevelFormat.DECIMAL,
    text: '%1.',
  },
  {
    reference: 'measures-comma',
    match: /^(\d+)、(.*)$/,
    value: Number,
    format: LevelFormat.DECIMAL,
    text: '%1、',
  },
];

/**
 * A Word file: the title, then a paragraph per line. A line whose number is the next one of its
 * kind gets that number from a Word list (the text without it); any other number stays typed, as
 * in real files that mix both. A running head sits in the page header, not the body.
 */
export async function toDocx(text: string): Promise<Buffer> {
  const lines = plainLines(text);
  const next = new Map<string, number>();
  const instance = new Map<string, number>();
  const paragraphs = lines.map((line, i) => {
    if (i === 0)
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: line, bold: true })],
      });
    for (const list of LISTS) {
      const m = list.match.exec(line);
      if (!m) continue;
      const key = `${list.reference}#${instance.get(list.reference) ?? 0}`;
      const value = list.value(m[1]!);
      const expected = next.get(key) ?? 1;
      if (value !== expected) break;
      next.set(key, value + 1);
      // A heading of this list restarts every list that starts again after it.
      for (const other of LISTS)
        if (other.restartsAfter === list.reference)
          instance.set(other.reference, (instance.get(other.reference) ?? 0) + 1);
      return new Paragraph({
        text: m[2]!,
        numbering: { reference: list.reference, level: 0, instance: instance.get(list.reference) ?? 0 },
      });
    }
    return new Paragraph({ text: line });
  });
  const doc = new Document({
    numbering: {
      config: LISTS.map((list) => ({
        reference: list.reference,
        levels: [{ level: 0, format: list.format, text: list.text, alignment: AlignmentType.START }],
      })),
    },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ text: '政府公报 · 政策文件' })] }) },
        children: paragraphs,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Characters written as Kangxi radicals in the PDF (U+2F00 block), as text layers often carry them. */
export const KANGXI: Record<string, string> = { 广: '\u2F34', 工: '\u2F2F', 人: '\u2F08', 大: '\u2F24' };

/**
 * An A4 PDF with a text layer: paragraphs wrapped at the margin (pdfkit, Noto Sans CJK), a running
 * head and `- n -` page numbers on every page, and the KANGXI characters as radicals.
 */
export function toPdf(text: string, options: { kangxi?: boolean } = {}): Promise<Buffer> {
  const lines = plainLines(text).map((line) =>
    options.kangxi === false ? line : line.replace(/[广工人大]/g, (ch) => KANGXI[ch]!),
  );
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 80, bottom: 80, left: 72, right: 72 },
      bufferPages: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(CJK_FONT, 'NotoSansCJKsc-Regular').fontSize(11);
    lines.forEach((line, i) =>
      doc.text(line, { paragraphGap: 8, lineGap: 3, align: i === 0 ? 'center' : 'left' }),
    );
    const range = doc.bufferedPageRange();
    for (let p = range.start; p < range.start + range.count; p++) {
      doc.switchToPage(p);
      const { width, height } = doc.page;
      doc.page.margins.bottom = 0;
      doc.fontSize(9).text('政府公报\u30002021 年第 8 期', 72, 40, {
        width: width - 144,
        align: 'right',
        lineBreak: false,
      });
      doc
        .fontSize(9)
        .text(`- ${p + 1} -`, 72, height - 50, { width: width - 144, align: 'center', lineBreak: false });
    }
    doc.end();
  });
}
