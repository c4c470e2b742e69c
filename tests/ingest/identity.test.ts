/**
 * Document keys: from the whole file name in any script, one source file per key, a clear error when
 * two different files of one name come in one run.
 */
import { IngestError } from '../../ingest/errors';
import { DocumentKeys, documentKeyFromName } from '../../ingest/identity';
import { sourceFromText } from '../../ingest/source';

const source = (path: string, text = '一、\n1. 測試。') => sourceFromText(path, text);

describe('documentKeyFromName', () => {
  it.each([
    ['粵澳合作-2021.txt', '粵澳合作-2021'],
    ['青年計劃-2021.txt', '青年計劃-2021'],
    ['Plan A.txt', 'plan-a'],
    ['2020 Guangdong_HK Plan.MD', '2020-guangdong-hk-plan'],
    ['深圳（前海）方案 2019.md', '深圳-前海-方案-2019'],
  ])('%s → %s', (name, key) => {
    expect(documentKeyFromName(name, 'f'.repeat(64))).toBe(key);
  });
});

describe('DocumentKeys', () => {
  it('gives two Chinese names that share a year two keys', () => {
    const keys = new DocumentKeys();
    expect(keys.assign(source('a/粵澳合作-2021.txt')).key).toBe('粵澳合作-2021');
    expect(keys.assign(source('a/青年計劃-2021.txt')).key).toBe('青年計劃-2021');
  });

  it('gives a second file whose name makes a taken key a key of its own, and says so', () => {
    const keys = new DocumentKeys([{ key: 'plan-a', source: 'Plan A.txt', sha256: 'x' }]);
    const choice = keys.assign(source('docs/plan-a.md'));
    expect(choice.key).toMatch(/^plan-a-[0-9a-f]{8}$/);
    expect(choice.note).toBe(`the key plan-a belongs to Plan A.txt, so this file is loaded as ${choice.key}`);
    // The same file later keeps that key (and so replaces itself), in this run and the next.
    expect(keys.assign(source('docs/plan-a.md')).key).toBe(choice.key);
    const later = new DocumentKeys([
      { key: 'plan-a', source: 'Plan A.txt', sha256: 'x' },
      { key: choice.key, source: 'plan-a.md', sha256: 'y' },
    ]);
    expect(later.assign(source('elsewhere/plan-a.md', '一、\n1. 改過。'))).toEqual({
      key: choice.key,
      note: null,
    });
  });

  it('keeps the key a file already has in the graph, whatever its name makes today', () => {
    const keys = new DocumentKeys([{ key: '2021', source: '粵澳合作-2021.txt', sha256: 'x' }]);
    expect(keys.assign(source('粵澳合作-2021.txt'))).toEqual({ key: '2021', note: null });
  });

  it('refuses a second file of the same name and other content in one run', () => {
    const keys = new DocumentKeys();
    keys.assign(source('2021/plan.txt'));
    expect(() => keys.assign(source('2022/plan.txt', '一、\n1. 另一份。'))).toThrow(IngestError);
    expect(() => keys.assign(source('2022/plan.txt', '一、\n1. 另一份。'))).toThrow(
      '2022/plan.txt: has the same file name as 2021/plan.txt, given earlier in this run, but other content; rename one so that both are kept',
    );
    // The same content under the same name is the same file.
    expect(keys.assign(source('copy/plan.txt')).key).toBe('plan');
  });
});
