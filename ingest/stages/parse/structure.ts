/**
 * Walks the body (first heading or measure up to the signature block) and builds sections and
 * measures. A measure runs on over following lines — and over blank lines while its sentence is
 * unfinished (a page break) — until the next measure or heading; a paragraph after a blank line
 * that follows a finished sentence is a separate block, reported rather than silently merged.
 * Numbered items inside a measure (`（1）` in a `1.` measure, or a list after `：` starting at 1)
 * stay part of it. A short unpunctuated line between a finished measure and the next numbered one
 * (`現代服務業`) is an unnumbered heading, not text glued onto the measure above.
 */
import type { ParseWarning, Section, Span } from '../../types';
import { SENTENCE_END, type Marker } from './classify';
import { isDoubledArtefact } from './doubled';
import { contentOf, type Line } from './lines';
import {
  headingLevels,
  measureRank,
  type HeadingStyle,
  type MeasureStyle,
  type Resolved,
} from './line-roles';
import { appendPiece, emptyPieceText, pieceTail, type PieceText } from './segments';
import { findTrailingUnits } from './units-parenthesis';

/** A measure as found in the text, before keys are assigned and units split off. */
export interface RawMeasure {
  marker: Marker;
  style: MeasureStyle;
  /** Innermost enclosing section, or null before any heading. */
  section: Section | null;
  /** Section path (`3.1`) of that section. */
  sectionPath: string | null;
  body: PieceText;
  /** End of the measure's last piece in the source. */
  end: number;
  line: number;
  /** Labelled lines after the measure naming its units (`部門分工：…`, `責任單位：…`), as source spans. */
  unitLines: Span[];
  /** People named as the leader in charge (`分管省領導：…`). */
  leaders: string[];
}

export interface Structure {
  sections: Section[];
  measures: RawMeasure[];
  warnings: ParseWarning[];
}

interface OpenSection {
  section: Section;
  path: string;
}

interface OpenMeasure {
  raw: RawMeasure;
  blankSince: boolean;
  /** The list inside the measure (`…：（一）…；（二）…。`), if any. */
  items: ListItems | null;
}

interface ListItems {
  style: MeasureStyle;
  /** Number of the last item. */
  last: number;
}

const ENDS_CLAUSE = /[，。、；：！？,.;:!?」』）)》]$/u;
const SNIPPET = 24;
/**
 * A line naming who does a measure, in the layout of task-division plans (任務分工方案): the leader in
 * charge (a person, not a unit) or the units (lead, responsible, assisting).
 */
const LABELLED =
  /^(分管省?領導|分管省?领导|部門分工|部门分工|牽頭單位|牵头单位|責任單位|责任单位|主要責任單位|主要责任单位|配合單位|配合单位|參與單位|参与单位|協辦單位|协办单位)\s*[：:]\s*/u;
const LEADER_LABEL = /^分管/u;
/** Longest line taken for an unnumbered heading; it has no punctuation at all. */
const MAX_PLAIN_HEADING = 16;
const PUNCTUATION = /[，。、；：！？,.;:!?「」『』《》〈〉“”（）()]/u;

export function buildStructure(
  text: string,
  lines: readonly Line[],
  resolved: readonly Resolved[],
  range: { from: number; to: number },
  documentKey: string,
): Structure {
  const outline = new Outline(documentKey, headingLevels(resolved.slice(range.from, range.to)));
  const measures: RawMeasure[] = [];
  const warnings = outline.warnings;
  let current: OpenMeasure | null = null;
  const close = (): void => {
    if (current) measures.push(current.raw);
    current = null;
  };

  for (let i = range.from; i < range.to; i++) {
    const line = lines[i];
    const r = resolved[i];
    if (!line || !r) continue;
    if (r.kind === 'blank') {
      if (current) current.blankSince = true;
      continue;
    }
    const content = contentOf(text, line);
    const item = current ? listItem(text, current, r, content) : null;
    const label = r.kind === 'text' ? LABELLED.exec(content) : null;
    if (current && label) {
      attachLabelled(current.raw, line, label);
      current.blankSince = false;
    } else if (current && item) {
      current.items = item;
      appendContinuation(text, current, line, true, warnings);
    } else if (r.kind === 'heading') {
      close();
      outline.add(
        r.style,
        r.marker,
        text,
        headingTitle(text.slice(r.marker.bodyStart, line.content.end)),
        line,
      );
    } else if (r.kind === 'measure') {
      close();
      current = openMeasure(text, r, line, outline.innermost());
    } else if (
      isPlainHeading(content, nextStructural(resolved, i + 1, range.to)) &&
      (!current || isFinished(text, current.raw.body))
    ) {
      close();
      outline.addPlain(content, line);
      warnings.push({ line: line.no, message: `unnumbered heading recognised: ${snippet(content)}` });
    } else if (!current) {
      warnings.push({ line: line.no, message: `text outside any measure, ignored: ${snippet(content)}` });
    } else if (current.blankSince && isFinished(text, current.raw.body)) {
      const n = current.raw.marker.number;
      warnings.push({
        line: line.no,
        message: `paragraph after the end of measure ${n} is not part of it, ignored: ${snippet(content)}`,
      });
      close();
    } else {
      appendContinuation(text, current, line, false, warnings);
    }
  }
  close();
  outline.dropTrailing(measures);
  return { sections: outline.sections, measures, warnings };
}

/** The sections found so far and the stack of those still open. */
class Outline {
  readonly sections: Section[] = [];
  readonly warnings: ParseWarning[] = [];
  private readonly stack: OpenSection[] = [];
  private readonly usedKeys = new Set<string>();
  /** Last number among the children of each section (or of the document), to spot gaps. */
  private readonly lastChild = new Map<string, number>();
  /** Line number of each section's heading, for warnings. */
  private readonly lines = new Map<string, number>();

  constructor(
    private readonly documentKey: string,
    private readonly levels: ReadonlyMap<HeadingStyle, number>,
  ) {}

  innermost(): OpenSection | null {
    return this.stack[this.stack.length - 1] ?? null;
  }

  /**
   * Headings after the last measure with nothing under them (a trailing sub-heading, or a （三） cut
   * short and so taken for one) are not sections of the plan: left out, and said so.
   */
  dropTrailing(measures: readonly RawMeasure[]): void {
    const lastMeasure = measures[measures.length - 1]?.marker.start ?? -1;
    for (;;) {
      const last = this.sections[this.sections.length - 1];
      if (!last || last.span.start < lastMeasure || this.sections.some((s) => s.parentKey === last.key))
        return;
      this.sections.pop();
      const number = last.number === '' ? '' : `${last.number} `;
      const line = this.lines.get(last.key) ?? 0;
      // Its numbering no longer matters: it is not a section.
      for (let i = this.warnings.length - 1; i >= 0; i--)
        if (this.warnings[i]!.line === line && this.warnings[i]!.message.startsWith('section num'))
          this.warnings.splice(i, 1);
      this.warnings.push({
        line,
        message: `heading ${number}(${last.title}) at the end has nothing under it: left out`,
      });
    }
  }

  /** An unnumbered heading: one level below the innermost numbered section, closing an earlier one. */
  addPlain(title: string, line: Line): void {
    while (this.innermost()?.section.number === '') this.stack.pop();
    const parent = this.innermost();
    const siblings = `${parent?.section.key ?? ''}#plain`;
    const n = (this.lastChild.get(siblings) ?? 0) + 1;
    this.lastChild.set(siblings, n);
    const path = parent ? `${parent.path}.h${n}` : `h${n}`;
    const key = this.keyOf(path);
    this.usedKeys.add(key);
    const section: Section = {
      key,
      number: '',
      title,
      level: (parent?.section.level ?? 0) + 1,
      reference: parent?.section.reference ?? '',
      parentKey: parent?.section.key ?? null,
      ordinal: this.sections.length + 1,
      span: { start: line.content.start, end: line.content.end },
    };
    this.sections.push(section);
    this.stack.push({ section, path });
  }

  add(style: HeadingStyle, marker: Marker, text: string, title: string, line: Line): void {
    const level = this.levels.get(style) ?? 1;
    while ((this.innermost()?.section.level ?? 0) >= level || this.innermost()?.section.number === '')
      this.stack.pop();
    const parent = this.innermost();

    const siblings = `${parent?.section.key ?? ''}#${level}`;
    const expected = (this.lastChild.get(siblings) ?? 0) + 1;
    if (marker.value !== expected) {
      this.warnings.push({
        line: line.no,
        message: `section numbered ${marker.number}; expected ${expected}`,
      });
    }
    this.lastChild.set(siblings, marker.value);

    let path = parent ? `${parent.path}.${marker.value}` : String(marker.value);
    if (this.usedKeys.has(this.keyOf(path))) {
      this.warnings.push({
        line: line.no,
        message: `section number ${marker.number} repeats an earlier one; key made unique`,
      });
      path = `${path}-${this.sections.length + 1}`;
    }
    const key = this.keyOf(path);
    this.usedKeys.add(key);
    const section: Section = {
      key,
      number: marker.number,
      title,
      level,
      reference: (parent?.section.reference ?? '') + ownReference(style, marker, text),
      parentKey: parent?.section.key ?? null,
      ordinal: this.sections.length + 1,
      span: { start: marker.start, end: line.content.end },
    };
    this.sections.push(section);
    this.lines.set(key, line.no);
    this.stack.push({ section, path });
  }

  private keyOf(path: string): string {
    return `${this.documentKey}/s${path}`;
  }
}

function openMeasure(
  text: string,
  r: Extract<Resolved, { kind: 'measure' }>,
  line: Line,
  section: OpenSection | null,
): OpenMeasure {
  const body = emptyPieceText();
  appendPiece(body, text, r.marker.bodyStart, line.content.end);
  return {
    raw: {
      marker: r.marker,
      style: r.style,
      section: section?.section ?? null,
      sectionPath: section?.path ?? null,
      body,
      end: line.content.end,
      line: line.no,
      unitLines: [],
      leaders: [],
    },
    blankSince: false,
    items: null,
  };
}

function attachLabelled(m: RawMeasure, line: Line, label: RegExpExecArray): void {
  if (LEADER_LABEL.test(label[1]!)) {
    const names = contentOfLabel(line, label).split(/[、，,；;。\s]+/u);
    m.leaders.push(...names.filter((n) => n.length > 0));
  } else {
    m.unitLines.push({ start: line.content.start, end: line.content.end });
  }
  m.end = line.content.end;
}

function contentOfLabel(line: Line, label: RegExpExecArray): string {
  return (label.input ?? '').slice(label[0].length).trim();
}

/** The measure's sentence is complete (a units parenthesis counts as an ending). */
function isFinished(source: string, body: PieceText): boolean {
  const end = endOf(source, body);
  return SENTENCE_END.test(end) || (CLOSES_PAREN.test(end) && findTrailingUnits(body.text) !== null);
}

/**
 * The last characters of a measure's text, where every test of how it ends looks: a measure may run
 * over thousands of lines, and each line asks again, so the questions must not read all of it.
 */
function endOf(source: string, body: PieceText): string {
  return pieceTail(body, source, END_LENGTH);
}

const END_LENGTH = 16;
/** A parenthesis closes the text, perhaps before a final stop: a units parenthesis may be there. */
const CLOSES_PAREN = /[）)][。.；;]?\s*$/u;

/**
 * Whether a numbered line is an item of the open measure rather than a new one — numbering of an
 * inner style (`（1）` in a `1.` measure), or a list introduced by `：` whose first item is
 * numbered 1 — and if so, the list's style. A one-sentence （二） taken for a heading because
 * numbered lines follow it is an item too when it continues such a list.
 */
function listItem(source: string, m: OpenMeasure, r: Resolved, content: string): ListItems | null {
  if (r.kind !== 'heading' && r.kind !== 'measure') return null;
  const style: MeasureStyle | null =
    r.kind === 'measure' ? r.style : r.style === 'paren-cn' ? 'paren-cn' : null;
  if (style === null) return null;
  const item = { style, last: r.marker.value };
  const next = m.items !== null && m.items.style === style && r.marker.value === m.items.last + 1;
  if (r.kind === 'heading') return next && SENTENCE_END.test(content) ? item : null;
  if (measureRank(style) > measureRank(m.raw.style)) return item;
  if (m.items) return next ? item : null;
  return /[：:]$/u.test(endOf(source, m.raw.body)) && r.marker.value === 1 ? item : null;
}

function appendContinuation(
  text: string,
  m: OpenMeasure,
  line: Line,
  subItem: boolean,
  warnings: ParseWarning[],
): void {
  const body = m.raw.body;
  const n = m.raw.marker.number;
  let start = line.content.start;
  const end = line.content.end;
  const bodyEnd = endOf(text, body);
  const midSentence = bodyEnd.length > 0 && !ENDS_CLAUSE.test(bodyEnd);
  if (m.blankSince) {
    warnings.push({
      line: line.no,
      message: `measure ${n} continues after a blank line (page break); joined`,
    });
  } else if (midSentence && !subItem) {
    warnings.push({ line: line.no, message: `measure ${n}: line break inside a sentence; joined` });
  }
  if (!subItem && bodyEnd.length > 0) {
    const after = text.slice(start, end);
    if (isDoubledArtefact(bodyEnd, after)) {
      const ch = [...after][0] ?? '';
      warnings.push({
        line: line.no,
        message: `measure ${n}: dropped "${ch}" printed on both sides of the break (${tail(bodyEnd)}|${after.slice(0, 4)})`,
      });
      start += ch.length;
    }
  }
  appendPiece(body, text, start, end);
  m.raw.end = end;
  m.blankSince = false;
}

/** What a numbered heading adds to references: `第二部分`, `三`, `（一）`. */
function ownReference(style: HeadingStyle, marker: Marker, text: string): string {
  if (style === 'part') return text.slice(marker.start, marker.bodyStart).replace(/[\s、：:，．.]+/gu, '');
  if (style === 'paren-cn') return `（${marker.number}）`;
  return marker.number;
}

/** The first line at or after `from` that is not blank. */
function nextStructural(resolved: readonly Resolved[], from: number, to: number): Resolved | null {
  for (let i = from; i < to; i++) {
    const r = resolved[i];
    if (!r || r.kind === 'blank') continue;
    return r;
  }
  return null;
}

/** A short line without punctuation, followed by a numbered measure or heading. */
function isPlainHeading(content: string, next: Resolved | null): boolean {
  return (
    next !== null &&
    (next.kind === 'measure' || next.kind === 'heading') &&
    [...content].length <= MAX_PLAIN_HEADING &&
    /^\p{Script=Han}/u.test(content) &&
    !PUNCTUATION.test(content)
  );
}

/** A heading's title: no trailing full stop or colon. */
function headingTitle(s: string): string {
  return s.trim().replace(/[。.：:；;]+$/u, '');
}

function snippet(s: string): string {
  return s.length > SNIPPET ? `${s.slice(0, SNIPPET)}…` : s;
}

function tail(s: string): string {
  return s.slice(-4);
}
