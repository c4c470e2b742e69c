import neo4j from 'neo4j-driver';
import { spanPairs } from '../../model/spans';
import { toJson, toProperties } from '../../store/values';

describe('Neo4j values as JSON', () => {
  it('converts integers, temporals and containers', () => {
    expect(toJson(neo4j.int(42))).toBe(42);
    expect(toJson(new neo4j.types.Date(2020, 10, 30))).toBe('2020-10-30');
    expect(toJson({ a: [neo4j.int(1), 'x', null, undefined], b: { c: true } })).toEqual({
      a: [1, 'x', null, null],
      b: { c: true },
    });
    // One policy for every answer (the console's, docs/queries.md): NaN and ±Infinity as text.
    expect(toJson(Number.NaN)).toBe('NaN');
    expect(toProperties(null)).toEqual({});
  });

  it('turns flat mention spans into pairs', () => {
    expect(spanPairs([2, 6, 10, 14])).toEqual([
      [2, 6],
      [10, 14],
    ]);
    expect(spanPairs([1, 2, 3])).toEqual([[1, 2]]);
    expect(spanPairs(null)).toEqual([]);
  });
});
