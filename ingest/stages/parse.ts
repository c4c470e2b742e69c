/**
 * The `parse` stage: a source file's structure — title, date, issuers and signatories, sections
 * and subsections, and measures with their text, responsible units and exact spans in the
 * original. The steps live in `./parse/*`; this module only puts them in order.
 */
import { IngestError } from '../errors';
import type { Doc, DocumentMeta, SourceFile } from '../types';
import { splitLines } from './parse/lines';
import { splitRunOnMeasures } from './parse/run-on';
import { finishMeasures } from './parse/measures';
import { documentKeyFromName } from '../identity';
import {
  findDocumentNumber,
  findTitle,
  findTrailerStart,
  firstStructural,
  parseHeader,
  partnerRegion,
} from './parse/meta';
import { parseDate, parseYear } from './parse/numerals';
import { resolveLines } from './parse/line-roles';
import { parseTrailer } from './parse/signature';
import { buildStructure } from './parse/structure';

export interface ParseOptions {
  /** Overrides the key derived from the file name. */
  documentKey?: string;
}

export function parse(source: SourceFile, opts: ParseOptions = {}): Doc {
  const { text } = source;
  const key = opts.documentKey ?? documentKeyFromName(source.name, source.sha256);
  const split = splitRunOnMeasures(text, splitLines(text));
  const lines = split.lines;
  const resolved = resolveLines(text, lines);

  const bodyStart = firstStructural(resolved);
  if (bodyStart < 0) throw noStructure(source, 'no sections or numbered measures found');
  const trailerStart = findTrailerStart(text, lines, resolved);

  const title = findTitle(text, lines, resolved, bodyStart);
  const header = parseHeader(text, lines, new Set(title?.lines ?? []), bodyStart);
  const structure = buildStructure(text, lines, resolved, { from: bodyStart, to: trailerStart }, key);
  if (structure.measures.length === 0) throw noStructure(source, 'no numbered measures found');
  const measures = finishMeasures(text, structure.measures, key);
  const trailer = parseTrailer(text, lines.slice(trailerStart));

  const warnings = [
    ...split.warnings,
    ...header.warnings,
    ...structure.warnings,
    ...measures.warnings,
    ...trailer.warnings,
  ];
  if (!title) warnings.push({ line: 1, message: 'no title line before the first section' });

  const date = trailer.dates[0] ?? header.dates[0] ?? (title ? parseDate(title.title) : null);
  const fromSignatures = trailer.signatories.map((s) => s.body);
  // Issuers as printed; with no signature block or header, left empty rather than guessed.
  const issuer = unique(fromSignatures.length > 0 ? fromSignatures : header.issuers);
  const meta: DocumentMeta = {
    key,
    title: title?.title ?? '',
    year: (title ? parseYear(title.title) : null) ?? (date ? Number(date.slice(0, 4)) : null),
    date,
    issuer,
    signatories: trailer.signatories,
    titleSpan: title?.span ?? { start: 0, end: 0 },
    documentNumber: findDocumentNumber(
      text.slice(0, lines[bodyStart]?.content.start ?? 0),
      text.slice(lines[trailerStart]?.content.start ?? text.length),
    ),
    region: partnerRegion(title?.title ?? ''),
  };
  warnings.sort((a, b) => a.line - b.line);
  return { source, meta, sections: structure.sections, measures: measures.measures, warnings };
}

function noStructure(source: SourceFile, detail: string): IngestError {
  return new IngestError('NO_STRUCTURE', source.path, detail);
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
