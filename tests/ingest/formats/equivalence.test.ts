/**
 * Every test document read from each format governments publish (testkit/formats.ts makes them
 * here: a web page, a Word file with list numbering, a PDF with running heads, page numbers and
 * Kangxi radicals, GB18030 or Big5 text and pages) gives the same measures, entities and units as
 * its UTF-8 text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeSource } from '../../../ingest/source';
import { runStages } from '../../../ingest/pipeline';
import { loadGazetteer } from '../../../ingest/gazetteer/gazetteer';
import type { Doc } from '../../../ingest/types';
import { repoRoot } from '../../../testkit/db';
import { encodeHtml, encodeText, toDocx, toHtml, toPdf } from '../../../testkit/formats';

const DOCUMENTS = [
  'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt',
  'tests/fixtures/documents/2019-guangdong-hong-kong-work-plan-units.md',
  'tests/fixtures/documents/2021-guangdong-macao-cooperation-plan-simplified.txt',
  'tests/fixtures/documents/2022-guangdong-hong-kong-macao-youth-plan.txt',
];

const gazetteer = loadGazetteer();

/** What must not change with the format: each measure's number, text (modulo whitespace), entities and units. */
function reading(doc: Doc) {
  return doc.measures.map((m) => ({
    number: m.number,
    text: m.text.replace(/\s+/g, ''),
    entities: [...new Set((m.mentions ?? []).map((x) => x.entityKey))].sort(),
    units: (m.units ?? []).map((u) => `${u.entityKey}${u.lead ? ' (lead)' : ''}`),
  }));
}

const traditional = (text: string) => /[與為們會廣開發]/.test(text);

describe.each(DOCUMENTS)('%s', (file) => {
  const bytes = readFileSync(path.join(repoRoot, file));
  const text = bytes.toString('utf8');
  const legacy = traditional(text) ? 'big5' : 'gb18030';
  let expected: ReturnType<typeof reading>;

  beforeAll(async () => {
    expected = reading(runStages(await decodeSource(file, bytes), gazetteer));
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.some((m) => m.entities.length > 0)).toBe(true);
  });

  const variants: [string, string, () => Promise<Uint8Array> | Uint8Array, string, string | undefined][] = [
    ['a web page', 'page.html', () => Buffer.from(toHtml(text)), 'html', 'UTF-8'],
    [
      'a web page with <br> lines',
      'page.htm',
      () => Buffer.from(toHtml(text, { breaks: true })),
      'html',
      'UTF-8',
    ],
    [
      `a ${legacy} web page`,
      'page.html',
      () => encodeHtml(text, legacy),
      'html',
      legacy === 'big5' ? 'Big5' : 'GB18030',
    ],
    ['a Word file with list numbering', 'plan.docx', () => toDocx(text), 'docx', undefined],
    [
      'a PDF with running heads, page numbers and Kangxi radicals',
      'plan.pdf',
      () => toPdf(text),
      'pdf',
      undefined,
    ],
    [
      `${legacy} text`,
      'plan.txt',
      () => encodeText(text, legacy),
      'text',
      legacy === 'big5' ? 'Big5' : 'GB18030',
    ],
    // GB18030 holds Traditional characters too (Big5 holds no Simplified ones).
    ...(legacy === 'big5'
      ? [
          [
            'GB18030 text',
            'plan.txt',
            () => encodeText(text, 'gb18030'),
            'text',
            'GB18030',
          ] as (typeof variants)[number],
        ]
      : []),
  ];

  it.each(variants)(
    'as %s gives the same measures, entities and units',
    async (_, name, make, format, encoding) => {
      const source = await decodeSource(name, await make());
      expect(source.format).toBe(format);
      expect(source.encoding).toBe(encoding);
      expect(reading(runStages(source, gazetteer))).toEqual(expected);
    },
  );
});
