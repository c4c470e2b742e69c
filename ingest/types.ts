/**
 * The value every ingest stage reads and extends: one source document on its way to the graph.
 * Offsets are UTF-16 code-unit indices into `Doc.source.text` (the file exactly as read), so a span
 * can always be shown in the original. Stages add fields; none rewrites what an earlier stage set.
 */
import type { SourceFormat } from './formats';
import type { PartnerRegion } from '../model/api';

/** Half-open range [start, end) of UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

export interface SourceFile {
  /** Path as given on the command line (for error messages). */
  path: string;
  /** File name without folders: the Document's `source`. */
  name: string;
  /**
   * The document's text: a text file's as decoded (BOM removed), or what a reader took from a page,
   * a Word file or a PDF; look-alike characters normalised (formats/normalize.ts); never edited after.
   */
  text: string;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  /** Which reader read it. */
  format: SourceFormat;
  /** For text and HTML: the encoding it was in. */
  encoding?: string;
  /** What the reader changed that the user should hear of. */
  notes: string[];
}

export interface DocumentMeta {
  /** Stable key derived from the file name (without extension), e.g. `2020-guangdong-hong-kong-…`. */
  key: string;
  title: string;
  /** Year the plan is for (from the title), else the year of `date`. */
  year: number | null;
  /** ISO date `YYYY-MM-DD` of signature/publication, when printed. */
  date: string | null;
  /** Issuing governments/bodies, in order of appearance in the signature block (or title). */
  issuer: string[];
  /** Signature block entries: the body and the signatory's title (e.g. 省長). */
  signatories: Signatory[];
  titleSpan: Span;
  /** The document number (文號) as printed, `粵府函〔2017〕179號`, when there is one. */
  documentNumber: string | null;
  /** Which partner the plan is with, from its title: `hong-kong`, `macao`, `both`. */
  region: PartnerRegion | null;
}

export interface Signatory {
  body: string;
  role: string | null;
  span: Span;
}

export interface Section {
  /** `<document key>/s<path>`, e.g. `doc/s3` or `doc/s3.1`. */
  key: string;
  /** As printed, without punctuation: `三`, `一`. */
  number: string;
  title: string;
  /** 1 = section (一、), 2 = subsection (（一）); an unnumbered heading is one level below its parent. */
  level: number;
  /**
   * The section's place in the document's numbering, as the document prints it: `三`, `三（一）`,
   * `第二部分一`; an unnumbered heading adds nothing to its parent's. Measure references start with it.
   */
  reference: string;
  /** Key of the enclosing section for level 2. */
  parentKey: string | null;
  /** Order in the document among all sections and subsections, from 1. */
  ordinal: number;
  span: Span;
}

export interface Measure {
  /** `<document key>/m<number>` when numbering runs through the document, `<document key>/s<section path>/m<number>` when it restarts per section. */
  key: string;
  /** As printed (`12`, `（三）` → `三`). */
  number: string;
  /**
   * Unique within the document and read like it: the enclosing sections' numbers and the measure's
   * own (`三（一）16`, `二（一）`, `三、16`); `#2` added to a second measure of the same reference.
   */
  reference: string;
  /** Order in the document, from 1. */
  ordinal: number;
  /** Key of the innermost enclosing section. */
  sectionKey: string;
  /** The measure text in the original script: page breaks joined, doubled break characters dropped, list markers, number and trailing responsible-unit parenthesis removed. */
  text: string;
  /** From the first character of the number to the end of the measure (units included) in the original text. */
  span: Span;
  /**
   * Pieces of the original text whose concatenation is exactly `text`, in order. Used to map an
   * offset in `text` back into the file (see `toSourceOffset`).
   */
  segments: Span[];
  /** The trailing responsible-units parenthesis content, unsplit (e.g. `省教育廳、人力資源社會保障廳牽頭`), or null. */
  unitsText: string | null;
  unitsSpan: Span | null;
  /** People named as the leader in charge (`分管省領導：…`); they are not units. */
  leaders: string[];
  /** Set by the script stage: the match form of `text` (Simplified, NFKC-folded, lower-case Latin), same length. */
  textHans?: string;
  /** Set by the segment stage: jieba tokens over `textHans`. */
  tokens?: Token[];
  /** Set by the extract stage: entity mentions in `text`, in order. */
  mentions?: Mention[];
  /** Set by the extract stage: responsible units split from `unitsText`. */
  units?: UnitAssignment[];
  /** Set by the extract stage: normalised lead verbs (Traditional), in order of first use. */
  actions?: string[];
}

export interface Token {
  word: string;
  /** jieba POS tag (ns place, nt organisation, nz other proper noun, v verb, …). */
  tag: string;
  start: number;
  end: number;
}

export type { EntityLabel } from '../model/graph';
import type { EntityLabel } from '../model/graph';

export interface Mention {
  /** Offsets in the measure's `text`. */
  start: number;
  end: number;
  /** The text as written there (quote marks included). */
  surface: string;
  /** The name it gives (quote marks removed). */
  name: string;
  type: EntityLabel;
  source: 'gazetteer' | 'quote' | 'head';
  /** Canonical entity key; set by the link stage. */
  entityKey?: string;
}

export interface UnitAssignment {
  /** As written, with shared prefixes/suffixes expanded (省人力資源社會保障廳). */
  name: string;
  lead: boolean;
  /** Canonical Institution key; set by the link stage. */
  entityKey?: string;
}

export interface ParseWarning {
  /** 1-based line in the source file. */
  line: number;
  message: string;
}

export type Script = 'traditional' | 'simplified';

export interface Doc {
  source: SourceFile;
  meta: DocumentMeta;
  sections: Section[];
  measures: Measure[];
  warnings: ParseWarning[];
  /** Set by the script stage. */
  script?: Script;
  /** Set by the link stage: every entity the document touches (mentions, units, title, signatures) and the places they lie in. */
  entities?: EntityRecord[];
  /** Set by the link stage: keys of the policies the title says the document implements. */
  implements?: string[];
  /** Set by the link stage: keys of the institutions that signed it. */
  signedBy?: string[];
}

export interface EntityRecord {
  /** Script-independent canonical key. */
  key: string;
  label: EntityLabel;
  /** Display name (the gazetteer's Traditional name, or the first form seen). */
  name: string;
  /** Every known form: Traditional, Simplified, English, abbreviations, forms seen in documents. */
  aliases: string[];
  nameEn: string | null;
  /** Keys of cities it lies in (LOCATED_IN). */
  locatedIn: string[];
  /** For cities: keys of the groups they belong to (PART_OF). */
  partOf: string[];
  /** Key of the entity that replaced it (SUCCEEDED_BY), if any. */
  succeededBy: string | null;
  /** Years it existed under this name, when the gazetteer knows them. */
  validFrom: number | null;
  validTo: number | null;
  /** Whether the gazetteer knows it (else found by a pattern). */
  curated: boolean;
}
