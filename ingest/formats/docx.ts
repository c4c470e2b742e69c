/**
 * A Word `.docx` → its text, one paragraph per line, with the numbers Word draws from its list
 * formatting written out (`一、`, `（三）`, `12.`), since the parser finds measures by their numbers.
 * (mammoth and the other converters keep only "ordered or not" of a list, not its number format,
 * so the numbering is read here from `word/numbering.xml`.) Tables give a line per row. Only the
 * two parts needed are unzipped, each up to a size limit, so a zip bomb is refused, not inflated.
 */
import { unzipSync } from 'fflate';
import { DOMParser } from 'linkedom';
import { IngestError } from '../errors';
import { elementChildren as children, type DomElement } from './dom';

/** Largest uncompressed part read. */
const MAX_PART_BYTES = 64 * 1024 * 1024;
const PARTS = ['word/document.xml', 'word/numbering.xml', 'word/styles.xml'];

type El = DomElement;

interface Level {
  format: string;
  text: string;
  start: number;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function docxToText(path: string, bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!PARTS.includes(file.name)) return false;
        if (file.originalSize > MAX_PART_BYTES)
          throw new IngestError('TOO_LARGE', path, `${file.name} unpacks to more than 64 MB`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError('UNKNOWN_FORMAT', path, 'is a damaged ZIP file, not a readable Word document', {
      cause: err,
    });
  }
  const document = files['word/document.xml'];
  if (!document)
    throw new IngestError(
      'UNKNOWN_FORMAT',
      path,
      'is a ZIP file without word/document.xml: not a Word .docx',
    );
  const xml = (part: Uint8Array) =>
    new DOMParser().parseFromString(new TextDecoder().decode(part), 'text/xml') as unknown as DomElement;
  const numbering = files['word/numbering.xml'] ? readNumbering(xml(files['word/numbering.xml'])) : new Map();
  const styleNumbering = files['word/styles.xml']
    ? readStyleNumbering(xml(files['word/styles.xml']))
    : new Map();
  const body = xml(document).getElementsByTagName('w:body')[0];
  if (!body) throw new IngestError('UNKNOWN_FORMAT', path, 'word/document.xml has no body');

  const counters = new Map<string, number[]>();
  const lines: string[] = [];
  const paragraph = (p: El) => {
    const text = runText(p);
    const number = paragraphNumber(p, numbering, styleNumbering, counters);
    const line = (number + text).trim();
    if (line) lines.push(line);
  };
  for (const child of children(body)) {
    if (child.tagName === 'w:p') paragraph(child);
    else if (child.tagName === 'w:tbl')
      for (const row of Array.from(child.getElementsByTagName('w:tr'))) {
        const cells = Array.from(row.getElementsByTagName('w:tc')).map((cell) =>
          Array.from(cell.getElementsByTagName('w:p')).map(runText).join(' ').trim(),
        );
        const line = cells.filter(Boolean).join(' ');
        if (line) lines.push(line);
      }
  }
  return lines.join('\n') + '\n';
}

const val = (el: El | undefined, name = 'w:val') => el?.getAttribute(name) ?? undefined;
const first = (el: El, tag: string): El | undefined => el.getElementsByTagName(tag)[0];

/** The visible text of a paragraph: text runs, tabs as a tab, breaks as a space; deleted text left out. */
function runText(p: El): string {
  let out = '';
  const walk = (el: El) => {
    for (const node of children(el)) {
      switch (node.tagName) {
        case 'w:t':
          out += node.textContent ?? '';
          break;
        case 'w:tab':
          out += '\t';
          break;
        case 'w:br':
        case 'w:cr':
          out += ' ';
          break;
        case 'w:del':
        case 'w:pPr':
        case 'w:rPr':
        case 'w:instrText':
          break;
        default:
          walk(node);
      }
    }
  };
  walk(p);
  return out;
}

/** numId → its levels (from its abstract numbering, with the num's own start overrides). */
function readNumbering(doc: DomElement): Map<string, { abstract: string; levels: Map<number, Level> }> {
  const abstracts = new Map<string, Map<number, Level>>();
  for (const abstract of Array.from(doc.getElementsByTagName('w:abstractNum'))) {
    const levels = new Map<number, Level>();
    for (const lvl of Array.from(abstract.getElementsByTagName('w:lvl')))
      levels.set(Number(val(lvl, 'w:ilvl') ?? 0), {
        format: val(first(lvl, 'w:numFmt')) ?? 'decimal',
        text: val(first(lvl, 'w:lvlText')) ?? '',
        start: Number(val(first(lvl, 'w:start')) ?? 1),
      });
    abstracts.set(val(abstract, 'w:abstractNumId') ?? '', levels);
  }
  const nums = new Map<string, { abstract: string; levels: Map<number, Level> }>();
  for (const num of Array.from(doc.getElementsByTagName('w:num'))) {
    const abstract = val(first(num, 'w:abstractNumId')) ?? '';
    const levels = new Map(abstracts.get(abstract) ?? []);
    for (const override of Array.from(num.getElementsByTagName('w:lvlOverride'))) {
      const level = Number(val(override, 'w:ilvl') ?? 0);
      const start = val(first(override, 'w:startOverride'));
      const base = levels.get(level);
      if (base && start !== undefined) levels.set(level, { ...base, start: Number(start) });
    }
    nums.set(val(num, 'w:numId') ?? '', { abstract: `${abstract}#${val(num, 'w:numId')}`, levels });
  }
  return nums;
}

/** Paragraph style → the numbering it carries ({numId, level}). */
function readStyleNumbering(doc: DomElement): Map<string, { numId: string; level: number }> {
  const out = new Map<string, { numId: string; level: number }>();
  for (const style of Array.from(doc.getElementsByTagName('w:style'))) {
    const numPr = first(style, 'w:numPr');
    const numId = numPr && val(first(numPr, 'w:numId'));
    if (numId)
      out.set(val(style, 'w:styleId') ?? '', { numId, level: Number(val(first(numPr, 'w:ilvl')) ?? 0) });
  }
  return out;
}

function paragraphNumber(
  p: El,
  numbering: ReturnType<typeof readNumbering>,
  styles: ReturnType<typeof readStyleNumbering>,
  counters: Map<string, number[]>,
): string {
  const pPr = children(p).find((c) => c.tagName === 'w:pPr');
  if (!pPr) return '';
  const numPr = children(pPr).find((c) => c.tagName === 'w:numPr');
  const style = styles.get(val(children(pPr).find((c) => c.tagName === 'w:pStyle')) ?? '');
  const numId = (numPr && val(first(numPr, 'w:numId'))) ?? style?.numId;
  if (!numId || numId === '0') return '';
  const level = Number((numPr && val(first(numPr, 'w:ilvl'))) ?? style?.level ?? 0);
  const num = numbering.get(numId);
  const def = num?.levels.get(level);
  if (!num || !def || def.format === 'bullet' || def.format === 'none') return '';
  // Counters per numbering instance: this level counts on, every deeper level starts again.
  const counts = counters.get(num.abstract) ?? [];
  counts[level] = counts[level] === undefined ? def.start : counts[level]! + 1;
  counts.length = level + 1;
  counters.set(num.abstract, counts);
  return def.text.replace(/%(\d)/g, (_, n: string) => {
    const l = Number(n) - 1;
    const lvl = num.levels.get(l);
    return formatNumber(counts[l] ?? lvl?.start ?? 1, lvl?.format ?? 'decimal');
  });
}

const CN_DIGITS = '〇一二三四五六七八九';
const CN_COUNTING = '零一二三四五六七八九';
const CN_FINANCIAL = '零壹貳參肆伍陸柒捌玖';

/** A counter in a Word number format (the formats Chinese documents use, and the common Latin ones). */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x245f + n) : String(n);
    case 'decimalEnclosedParen':
      return `(${n})`;
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographTraditional':
      return chineseCount(n, CN_COUNTING);
    case 'chineseLegalSimplified':
    case 'ideographLegalTraditional':
      return chineseCount(n, CN_FINANCIAL);
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return String(n).replace(/\d/g, (d) => CN_DIGITS[Number(d)]!);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerLetter':
      return letters(n);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    default:
      return String(n);
  }
}

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五. */
function chineseCount(n: number, digits: string): string {
  if (n <= 0 || n >= 10000) return String(n);
  const units = ['', '十', '百', '千'];
  const ds = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i]!;
    if (d === 0) zero = out.length > 0;
    else {
      if (zero) out += digits[0];
      zero = false;
      out += digits[d]! + unit;
    }
  });
  return n >= 10 && n < 20 ? out.replace(/^一十/, '十') : out;
}

function letters(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
  return out;
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}
