/**
 * The `extract` stage: entity mentions (gazetteer, quoted names, head-noun patterns), responsible
 * units and lead actions of every measure. Works on the match form of the text (`textHans`) and
 * reports offsets and surfaces in the original `text`.
 */
import {
  loadGazetteer,
  nameContext,
  type Gazetteer,
  type GazetteerEntry,
  type NameContext,
} from '../gazetteer/gazetteer';
import { headAt, headCandidates, isBoundary, type KnownNames } from '../extract/heads';
import { SurfaceMatcher } from '../extract/matcher';
import { patterns, typeOfHead } from '../extract/patterns';
import { findQuoted, type Quoted } from '../extract/quotes';
import { candidate, resolve, type Candidate } from '../extract/candidates';
import { leadActions } from '../extract/actions';
import { parseUnits } from '../extract/unit-names';
import type { Doc, EntityLabel, Measure, Mention, Token } from '../types';

const matchers = new WeakMap<Gazetteer, SurfaceMatcher>();

function matcherFor(gazetteer: Gazetteer): SurfaceMatcher {
  let matcher = matchers.get(gazetteer);
  if (!matcher) {
    matcher = new SurfaceMatcher(gazetteer);
    matchers.set(gazetteer, matcher);
  }
  return matcher;
}

/** 「等效先認」政策 → Policy; 「公務員交流計劃」 → Program (its own head noun); else a known name's type; else Policy. */
function quotedType(quoted: Quoted, after: string, gazetteer: Gazetteer, context?: NameContext): EntityLabel {
  if (quoted.kind === 'book') return 'Policy';
  const own = typeOfHead(quoted.name);
  if (own) return own;
  const known = gazetteer.lookup(quoted.name, context);
  if (known) return known.type;
  for (const [head, type] of patterns.quoteHeads) if (after.startsWith(head)) return type;
  return 'Policy';
}

/**
 * A quote inside a longer name (廣東「走出去」產業聯盟, 「創青春」粵港澳大灣區青年創新創業大賽): the
 * tokens after the closing mark up to a head noun, and a known name right before the opening mark,
 * belong to the name.
 */
function quotedInName(quoted: Quoted, tokens: Token[], text: string, known: Candidate[]): Candidate | null {
  let i = tokens.findIndex((t) => t.start >= quoted.end);
  if (i < 0 || tokens[i]!.start !== quoted.end) return null;
  // The name runs to the last head noun before anything that cannot be in a name: “創青春”粵港澳大灣區
  // (a zone's head) 青年創新創業大賽 (the event's).
  let last: { end: number; type: EntityLabel } | null = null;
  for (let n = 0; n < 8 && i < tokens.length; n++, i++) {
    const token = tokens[i]!;
    if (
      !/^[\p{Script=Han}]+$/u.test(token.word) ||
      patterns.boundaryWords.has(token.word) ||
      (token.tag === 'v' && !patterns.inNameVerbs.has(token.word))
    )
      break;
    const head = headAt(tokens, i, text);
    if (head && head[1] !== 'Policy') last = { end: token.end, type: head[1] };
  }
  if (!last) return null;
  const before = known.find((p) => p.end === quoted.start && p.type !== 'Policy');
  const start = before ? before.start : nameStartBefore(tokens, quoted.start, last.type);
  return candidate(start, last.end, last.type, 'quote');
}

/** Longest run of words before a quote that may open a name. */
const MAX_BEFORE_QUOTE = 10;

/**
 * Where a name that a quote sits in begins (粵港澳青年交流“百千萬”計劃): the words right before the
 * quote that can belong to a name, when a region pair is among them; else the quote itself.
 */
function nameStartBefore(tokens: Token[], quoteStart: number, type: EntityLabel): number {
  let k = tokens.findIndex((t) => t.end === quoteStart);
  if (k < 0) return quoteStart;
  let start = quoteStart;
  let proper = false;
  for (; k >= 0 && quoteStart - tokens[k]!.start <= MAX_BEFORE_QUOTE; k--) {
    const token = tokens[k]!;
    if (isBoundary(token, type, tokens[k + 1])) break;
    start = token.start;
    if (patterns.regionAbbreviations.has(token.word)) proper = true;
  }
  return proper ? start : quoteStart;
}

/**
 * The gazetteer's names in a measure, asked at every step of every head-noun guess: plain loops over
 * the few known names, no copies.
 */
class KnownIn implements KnownNames {
  constructor(private readonly names: readonly Candidate[]) {}

  hasKnownName(start: number, end: number): boolean {
    for (const c of this.names) if (c.start >= start && c.end <= end) return true;
    return false;
  }

  cityEndingAt(end: number): number | null {
    for (const c of this.names) if (c.end === end && c.type === 'City') return c.start;
    return null;
  }

  knownStartCovering(start: number, end: number): number | null {
    let first: number | null = null;
    for (const c of this.names)
      if (c.start <= start && c.end >= end && (first === null || c.start < first)) first = c.start;
    return first;
  }
}

const gazetteerCandidate = (
  start: number,
  end: number,
  type: EntityLabel,
  entry: GazetteerEntry | undefined,
) => candidate(start, end, type, 'gazetteer', undefined, entry);

/** Quote marks dropped from a mention's name. */
const QUOTE_MARKS = /[《》「」“”『』〈〉﹁﹂]/g;

// Arrays below are built the same way each time (an empty literal, then push), so the code that
// reads them always meets arrays of the same kind and is not recompiled for a new one.
export function extractMentions(measure: Measure, gazetteer: Gazetteer, context?: NameContext): Mention[] {
  const text = measure.text;
  const hans = measure.textHans ?? text;
  const tokens = measure.tokens ?? [];
  const gazetteerCandidates = matcherFor(gazetteer).matchEach(hans, context, gazetteerCandidate);
  for (const station of stationsOnCrossings(gazetteerCandidates)) gazetteerCandidates.push(station);

  const quoted = findQuoted(hans);
  const quoteCandidates: Candidate[] = [];
  for (const q of quoted) {
    const inName = quotedInName(q, tokens, hans, gazetteerCandidates);
    quoteCandidates.push(
      inName ??
        candidate(
          q.start,
          q.end,
          quotedType(q, hans.slice(q.end), gazetteer, context),
          'quote',
          text.slice(q.start + 1, q.end - 1),
        ),
    );
  }

  // A head-noun guess never cuts through a quote: quoted spans are handled above.
  const all: Candidate[] = [];
  for (const c of gazetteerCandidates) all.push(c);
  for (const c of quoteCandidates) all.push(c);
  for (const h of headCandidates(tokens, hans, new KnownIn(gazetteerCandidates)))
    if (!quoted.some((q) => h.start < q.end && q.start < h.end))
      all.push(candidate(h.start, h.end, h.type, 'head'));

  const mentions: Mention[] = [];
  for (const c of expandSharedHeads(resolve(all), text, hans)) {
    const surface = text.slice(c.start, c.end);
    const mention: Mention = {
      start: c.start,
      end: c.end,
      surface,
      name: (c.name ?? surface).replace(QUOTE_MARKS, '').trim(),
      type: c.type,
      source: c.source,
    };
    if (c.entry) mention.entityKey = c.entry.key;
    mentions.push(mention);
  }
  return mentions;
}

/**
 * A known port written after the crossing it serves (廣深港高速鐵路 + 西九龍站): one port, the one the
 * gazetteer knows, under the whole name; the crossing is still mentioned (candidates.ts).
 */
function stationsOnCrossings(found: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const crossing of found) {
    if (crossing.type !== 'Infrastructure') continue;
    for (const port of found)
      if (port.type === 'Port' && port.start === crossing.end && port.entry)
        out.push(candidate(crossing.start, port.end, 'Port', 'gazetteer', undefined, port.entry));
  }
  return out;
}

/** Longest modifier a shared-head item may add before the head (交易 in 交易中心). */
const MAX_SHARED_MODIFIER = 4;
const LIST_JOINERS = new Set(['、', '和', '及']);

/**
 * A list sharing one name's stem (`國際中藥材信息中心、交易中心、定價中心`): each later item is that
 * stem plus its own modifier and the same head (國際中藥材交易中心). The modifiers of such lists are
 * written in parallel, so the stem is the first name less as many characters as the item has.
 */
function expandSharedHeads(candidates: Candidate[], text: string, hans: string): Candidate[] {
  const out = [...candidates];
  for (const first of candidates) {
    // Most names are not followed by a list: look no further.
    if (!LIST_JOINERS.has(hans[first.end] ?? '') || first.type === 'City' || first.type === 'Policy')
      continue;
    const name = first.name ?? text.slice(first.start, first.end);
    const written = hans.slice(first.start, first.end);
    // The head the items share: the longest the name ends with that the next item ends with too
    // (研究中心、轉化中心 share 中心, not 研究中心).
    const head = patterns.heads.find(
      ([suffix]) => written.endsWith(suffix) && sharedItemEnd(hans, first.end + 1, suffix) !== null,
    )?.[0];
    if (!head || /[《》「」“”『』]/u.test(name)) continue;
    let at = first.end;
    while (LIST_JOINERS.has(hans[at] ?? '')) {
      const end = sharedItemEnd(hans, at + 1, head);
      if (end === null) break;
      const item = { start: at + 1, end };
      const modifier = hans.slice(item.start, end - head.length);
      if (
        !/^\p{Script=Han}+$/u.test(modifier) ||
        out.some((c) => c !== first && covers(c, item) && c.source !== 'head')
      )
        break;
      const stem = name.slice(0, name.length - head.length - modifier.length);
      if ([...stem].length < 2) break;
      for (let i = out.length - 1; i >= 0; i--) if (overlaps(out[i]!, item)) out.splice(i, 1);
      out.push(candidate(item.start, item.end, first.type, 'head', stem + text.slice(item.start, item.end)));
      at = item.end;
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Where a list item starting at `start` ends, when it is a short modifier and `head` and nothing
 * more: the list goes on, the clause ends or its verb follows right after it (交易中心、 /
 * 定價中心。 / 轉化中心建設), not a longer name (肇慶新區港澳產業協作園 is no item of a list of 區).
 */
function sharedItemEnd(hans: string, start: number, head: string): number | null {
  const at = hans.indexOf(head, start);
  const length = at - start;
  if (at < 0 || length < 1 || length > MAX_SHARED_MODIFIER) return null;
  const end = at + head.length;
  const after = hans.slice(end, end + 2);
  return end === hans.length || ITEM_ENDS.has(hans[end]!) || patterns.leadVerbs.has(after) ? end : null;
}

const ITEM_ENDS = new Set(['、', '，', '。', '；', '：', '和', '及', '与', '等', '的', ',', ';', ')', '）']);

function covers(c: Candidate, span: { start: number; end: number }): boolean {
  return c.start <= span.start && c.end >= span.end;
}

function overlaps(c: Candidate, span: { start: number; end: number }): boolean {
  return c.start < span.end && span.start < c.end;
}

export function extract(doc: Doc, gazetteer: Gazetteer = loadGazetteer()): Doc {
  const context = nameContext(doc.meta);
  for (const measure of doc.measures) {
    measure.mentions = extractMentions(measure, gazetteer, context);
    measure.units = measure.unitsText ? parseUnits(measure.unitsText, gazetteer.placeNames()) : [];
    measure.actions = leadActions(measure.tokens ?? []);
  }
  return doc;
}
