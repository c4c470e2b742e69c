import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalKey, detectScript, matchForm, toSimplified, toTraditional } from '../../ingest/opencc';

const SEED = path.resolve(__dirname, '../../seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');
const HAN = /\p{Script=Han}/u;

/** Indices where two equally long strings differ. */
function differences(a: string, b: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

describe('script conversion on the seed (real text, 10 000 bytes)', () => {
  const seed = readFileSync(SEED, 'utf8');
  const simplified = toSimplified(seed);
  const traditional = toTraditional(simplified);

  it('toSimplified keeps the length and changes only Han characters, so offsets carry over', () => {
    expect(simplified).toHaveLength(seed.length);
    const changed = differences(seed, simplified);
    expect(changed.length).toBeGreaterThan(100); // it did convert
    expect(changed.every((i) => HAN.test(seed[i]!) && HAN.test(simplified[i]!))).toBe(true);
    const at = seed.indexOf('港珠澳大橋');
    expect(simplified.slice(at, at + 5)).toBe('港珠澳大桥');
  });

  it('toTraditional keeps the length, and brings the Simplified text back at the same offsets', () => {
    expect(traditional).toHaveLength(seed.length);
    const at = simplified.indexOf('粤港合作框架协议');
    expect(traditional.slice(at, at + 8)).toBe('粵港合作框架協議');
    // Only one-to-many characters may come back as another variant (户/戶, 卫/衞 …): a handful, never a shift.
    const changed = differences(seed, traditional);
    expect(changed.length).toBeLessThan(20);
    expect(changed.every((i) => HAN.test(seed[i]!))).toBe(true);
  });

  it('detectScript tells the seed (Traditional) from its Simplified conversion', () => {
    expect(detectScript(seed)).toBe('traditional');
    expect(detectScript(simplified)).toBe('simplified');
    expect(detectScript(traditional)).toBe('traditional');
  });

  it('keeps characters outside the Basic Multilingual Plane in place', () => {
    const text = '𠮷港珠澳大橋';
    expect(toSimplified(text)).toBe('𠮷港珠澳大桥');
    expect(toTraditional('𠮷港珠澳大桥')).toBe(text);
  });
});

describe('matchForm and canonicalKey', () => {
  it('matchForm folds full-width forms and case without changing the length', () => {
    const text = 'ＣＥＰＡ（深圳）１２３　港珠澳大橋';
    const form = matchForm(text);
    expect(form).toBe('cepa(深圳)123 港珠澳大桥');
    expect(form).toHaveLength(text.length);
  });

  it('makes the same name in either script one key', () => {
    expect(canonicalKey('港珠澳大橋')).toBe(canonicalKey('港珠澳大桥'));
    expect(canonicalKey('粵港合作框架協議')).toBe(canonicalKey('粤港合作框架协议'));
    expect(canonicalKey('港珠澳大橋')).not.toBe(canonicalKey('港珠澳大橋口岸'));
  });

  it('folds full-width parentheses, spaces and Latin case', () => {
    expect(canonicalKey('香港科技大學（廣州）')).toBe(canonicalKey('香港科技大学(广州)'));
    expect(canonicalKey('香港科技大學（廣州）')).toBe('香港科技大学(广州)');
    expect(canonicalKey('144 小時便利簽證')).toBe(canonicalKey('144小时便利签证'));
    expect(canonicalKey('ＣＥＰＡ')).toBe(canonicalKey('cepa'));
  });
});
