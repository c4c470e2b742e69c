/**
 * The alignment and the decisions built on it, on small texts whose answer is plain: offsets point
 * into the original texts, reordered sentences are still found, and a merge, a split, a revision
 * and a coincidence of stock phrases are told apart.
 */
import { align, prepare } from '../../ingest/lineage/align';
import { AlignmentMemo, continuations, similarWithin, type LineageMeasure } from '../../ingest/lineage/match';
import { matchForm } from '../../ingest/opencc';

const measure = (key: string, text: string): LineageMeasure => ({ key, prepared: prepare(matchForm(text)) });

const BRIDGE = '研究完善港珠澳大橋跨境車輛通行政策及有關出入境政策。';
const AIRPORT = '推進香港國際機場與東莞港的深度合作，聯合打造國際空港中心。';
const BAY = '推動落實深圳灣口岸24小時通關，優化旅客通關流程。';

describe('align', () => {
  it('reports blocks as offsets of the original texts, across scripts and spaces', () => {
    const a = '推動落實深圳灣口岸 24 小時通關。';
    const b = '推动落实深圳湾口岸24小时通关。';
    const result = align(prepare(matchForm(a)), prepare(matchForm(b)));
    expect(result.similarity).toBe(1);
    const covered = result.blocks.map(([s, e]) => a.slice(s, e)).join('');
    expect(covered.replace(/\s/g, '')).toBe(a.replace(/\s/g, ''));
    for (const [as, ae, bs, be] of result.blocks)
      expect(matchForm(a.slice(as, ae)).replace(/\s/g, '')).toBe(b.slice(bs, be));
  });

  it('finds sentences that changed places', () => {
    const result = align(prepare(matchForm(BRIDGE + AIRPORT)), prepare(matchForm(AIRPORT + BRIDGE)));
    expect(result.similarity).toBeGreaterThan(0.95);
    expect(result.blocks.length).toBeGreaterThanOrEqual(2);
  });

  it('finds nothing between texts that share only a name', () => {
    const result = align(
      prepare(matchForm(BRIDGE)),
      prepare(matchForm('舉辦港珠澳大橋開通五週年文化活動。')),
    );
    expect(result.similarity).toBeLessThan(0.5);
  });
});

describe('continuations', () => {
  it('tells same, revised, merged and split apart and leaves the rest new or dropped', () => {
    const older = [
      measure('o1', BRIDGE),
      measure('o2', AIRPORT),
      measure('o3', BAY),
      measure('o4', '支持兩地保險機構合作開發跨境醫療保險等創新產品。研究在CEPA框架下設立香港保險服務中心。'),
      measure('o5', '積極推動高標準佈局建設國家實驗室。'),
    ];
    const newer = [
      measure('n1', '研究完善港珠澳大桥跨境车辆通行政策及有关出入境政策。'),
      measure('n2', '推進香港國際機場與東莞港的深度合作，聯合打造國際空港中心，推動跨境貨物海空高效聯動。'),
      measure('n3', BAY + '積極推動高標準佈局建設國家實驗室。'),
      measure('n4', '支持兩地保險機構合作開發跨境醫療保險等創新產品。'),
      measure('n5', '研究在CEPA框架下設立香港保險服務中心，提供售後服務。'),
      measure('n6', '舉辦港珠澳大橋開通五週年文化活動，推進深度合作。'),
    ];
    const all = newer.flatMap((n) => older.map((o): [string, string] => [n.key, o.key]));
    const links = continuations(newer, older, all).map((l) => `${l.from}>${l.to}:${l.kind}`);
    expect(links.sort()).toEqual(
      ['n1>o1:same', 'n2>o2:revised', 'n3>o3:merged', 'n3>o5:merged', 'n4>o4:split', 'n5>o4:split'].sort(),
    );
  });

  it('does not depend on the order of the candidates', () => {
    const older = [measure('o1', BRIDGE), measure('o2', AIRPORT)];
    const newer = [measure('n1', BRIDGE + AIRPORT)];
    const forward = continuations(newer, older, [
      ['n1', 'o1'],
      ['n1', 'o2'],
    ]);
    const backward = continuations(newer, older, [
      ['n1', 'o2'],
      ['n1', 'o1'],
    ]);
    expect(backward).toEqual(forward);
  });

  it('decides the same with a memo of alignments shared across calls', () => {
    const older = [measure('o1', BRIDGE), measure('o2', AIRPORT), measure('o3', BAY)];
    const newer = [measure('n1', BRIDGE + AIRPORT), measure('n2', BAY), measure('n3', '舉辦文化活動。')];
    const all = newer.flatMap((n) => older.map((o): [string, string] => [n.key, o.key]));
    const memo = new AlignmentMemo();
    // One plan's relink asks for some pairs, the other plan's for all of them.
    const part = continuations(newer, older, all.slice(0, 4), memo);
    expect(part).toEqual(continuations(newer, older, all.slice(0, 4)));
    expect(continuations(newer, older, all, memo)).toEqual(continuations(newer, older, all));
  });
});

describe('similarWithin', () => {
  it('pairs measures of one plan that repeat each other, and only those', () => {
    const pairs = similarWithin([
      measure('a', BRIDGE),
      measure('b', AIRPORT),
      measure('c', '研究完善港珠澳大橋跨境車輛通行政策。'),
    ]);
    expect(pairs.map((p) => `${p.from}~${p.to}`)).toEqual(['a~c']);
  });
});
