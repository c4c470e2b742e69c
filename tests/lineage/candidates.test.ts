/**
 * A series' candidates in memory (candidates.ts): ranked by the text as BM25 ranks the full-text
 * index's bigrams, or by the entities shared, always among the other plans of the series of another
 * year, in an order that never depends on the order the measures were read in.
 */
import { prepare } from '../../ingest/lineage/align';
import {
  CANDIDATES,
  ENTITY_CANDIDATES,
  HUB_MENTIONS,
  SeriesIndex,
  candidateQuery,
  type SeriesMeasure,
} from '../../ingest/lineage/candidates';
import type { LineageMeasure } from '../../ingest/lineage/match';
import { matchForm } from '../../ingest/opencc';

const BRIDGE = '研究完善港珠澳大橋跨境車輛通行政策及有關出入境政策，便利兩地居民往來。';
const AIRPORT = '推進香港國際機場與東莞港的深度合作，聯合打造國際空港中心。';

const measure = (
  key: string,
  document: string,
  year: number,
  text: string,
  entities: string[] = [],
): SeriesMeasure => ({ key, document, year, text, entities });

const own = (m: SeriesMeasure): LineageMeasure => ({ key: m.key, prepared: prepare(matchForm(m.text)) });

/** Candidate keys of each own measure, in the index's order. */
function candidatesOf(index: SeriesIndex, document: string, year: number, measures: SeriesMeasure[]) {
  const out = new Map<string, string[]>();
  for (const c of index.candidates(document, year, measures.map(own)))
    out.set(c.measure, [...(out.get(c.measure) ?? []), c.candidate.key]);
  return out;
}

describe('candidateQuery', () => {
  it('is the Han runs of at least two characters, at most 200 characters', () => {
    expect(candidateQuery('1. 推进a合作，b 口岸24小时通关')).toBe('推进 合作 口岸 小时通关');
    expect(candidateQuery('a 1 b')).toBeNull();
    expect(candidateQuery('合'.repeat(500))!.length).toBe(200);
  });
});

describe('SeriesIndex', () => {
  const newer = measure('p2021/m1', 'p2021', 2021, BRIDGE);
  const series = [
    newer,
    measure('p2021/m2', 'p2021', 2021, AIRPORT),
    measure('p2020/m1', 'p2020', 2020, AIRPORT),
    measure('p2020/m2', 'p2020', 2020, `${BRIDGE}加快推進口岸通關便利化。`),
    measure('q2021/m1', 'q2021', 2021, BRIDGE),
    measure('p2019/m1', 'p2019', 2019, '研究完善跨境車輛通行政策。'),
  ];

  it('finds the other plans of another year only, best first by the text', () => {
    const index = new SeriesIndex(series);
    const found = candidatesOf(index, 'p2021', 2021, [newer]);
    // Not its own plan, not q2021 (the same year, however alike); the close revision before the
    // short one; the airport measure shares no bigram.
    expect(found.get('p2021/m1')).toEqual(['p2020/m2', 'p2019/m1']);
    expect(index.years).toEqual(
      new Map([
        ['p2021', 2021],
        ['p2020', 2020],
        ['q2021', 2021],
        ['p2019', 2019],
      ]),
    );
  });

  it('ranks shorter texts higher for the same words, as BM25 does', () => {
    const index = new SeriesIndex([
      measure('a/m1', 'a', 2021, BRIDGE),
      measure('b/m1', 'b', 2020, `${BRIDGE}另行研究設立數據交易場所並制定配套管理辦法。`),
      measure('c/m1', 'c', 2020, BRIDGE),
    ]);
    expect(candidatesOf(index, 'a', 2021, [index.measures[0]!]).get('a/m1')).toEqual(['c/m1', 'b/m1']);
  });

  it(`keeps the ${CANDIDATES} best by text, ties by key whatever order the measures came in`, () => {
    const copies = Array.from({ length: CANDIDATES + 10 }, (_, i) =>
      measure(`c${String(i).padStart(3, '0')}/m1`, `c${String(i).padStart(3, '0')}`, 2020, BRIDGE),
    );
    const a = candidatesOf(new SeriesIndex([newer, ...copies]), 'p2021', 2021, [newer]);
    const b = candidatesOf(new SeriesIndex([...copies].reverse().concat(newer)), 'p2021', 2021, [newer]);
    expect(a.get('p2021/m1')).toEqual(copies.slice(0, CANDIDATES).map((m) => m.key));
    expect(b).toEqual(a);
  });

  it(`adds the ${ENTITY_CANDIDATES} sharing the most entities, leaving out those more than ${HUB_MENTIONS} measures mention`, () => {
    const mine = measure('n/m1', 'n', 2021, '甲乙丙丁。', ['bridge', 'port', 'hub']);
    const others = [
      measure('o/m1', 'o', 2020, '戊己庚辛。', ['bridge', 'port']),
      measure('o/m2', 'o', 2020, '壬癸子丑。', ['port']),
      measure('o/m3', 'o', 2020, '寅卯辰巳。', ['hub']),
      ...Array.from({ length: HUB_MENTIONS }, (_, i) => measure(`h/m${i}`, 'h', 2019, '午未申酉。', ['hub'])),
      ...Array.from({ length: ENTITY_CANDIDATES }, (_, i) =>
        measure(`p/m${String(i).padStart(2, '0')}`, 'p', 2018, '戌亥。', ['port']),
      ),
    ];
    const found = candidatesOf(new SeriesIndex([mine, ...others]), 'n', 2021, [mine]).get('n/m1')!;
    // Two shared first, then one shared by key; the hub finds nothing.
    expect(found).toEqual([
      'o/m1',
      'o/m2',
      ...others.slice(3 + HUB_MENTIONS, 3 + HUB_MENTIONS + 18).map((m) => m.key),
    ]);
  });

  it('prepares a measure once, as the lineage aligns it', () => {
    const index = new SeriesIndex(series);
    const m = index.measure('p2020/m1')!;
    expect(m.prepared).toEqual(prepare(matchForm(AIRPORT)));
    expect(index.measure('p2020/m1')).toBe(m);
    expect(index.measure('missing')).toBeUndefined();
  });
});
