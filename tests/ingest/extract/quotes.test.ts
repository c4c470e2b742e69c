import { findQuoted } from '../../../ingest/extract/quotes';

/** What a caller sees: the kind, the marked text the span covers, and the name. */
const found = (text: string) =>
  findQuoted(text).map((q) => ({ kind: q.kind, marked: text.slice(q.start, q.end), name: q.name }));

describe('findQuoted', () => {
  it('finds 《》 titles as books, with spans covering the marks and names without them', () => {
    const text = '落實《粵港科技創新交流合作安排》，加強宣傳推廣《外商投資法》及實施條例。';
    expect(found(text)).toEqual([
      { kind: 'book', marked: '《粵港科技創新交流合作安排》', name: '粵港科技創新交流合作安排' },
      { kind: 'book', marked: '《外商投資法》', name: '外商投資法' },
    ]);
  });

  it('finds 「」 and “” quotes as quotes', () => {
    expect(found('推動實施「等效先認」政策，適時開發「一程多站」旅遊精品線路。')).toEqual([
      { kind: 'quote', marked: '「等效先認」', name: '等效先認' },
      { kind: 'quote', marked: '「一程多站」', name: '一程多站' },
    ]);
    expect(found('实施“合作查验、一次放行”通关模式')).toEqual([
      { kind: 'quote', marked: '“合作查验、一次放行”', name: '合作查验、一次放行' },
    ]);
  });

  it('takes only the outermost pair of nested marks, and drops every inner mark from the name', () => {
    const title = '《中共廣東省委 廣東省人民政府關於貫徹落實〈粵港澳大灣區發展規劃綱要〉的實施意見》';
    expect(found(`印發${title}。`)).toEqual([
      {
        kind: 'book',
        marked: title,
        name: '中共廣東省委 廣東省人民政府關於貫徹落實粵港澳大灣區發展規劃綱要的實施意見',
      },
    ]);
    expect(found('在香港舉辦「『一帶一路』高峰論壇」。')).toEqual([
      { kind: 'quote', marked: '「『一帶一路』高峰論壇」', name: '一帶一路高峰論壇' },
    ]);
  });

  it('trims spaces at the ends of a name but keeps those inside it', () => {
    expect(found('爭取優化「 144 小時便利簽證 」措施')).toEqual([
      { kind: 'quote', marked: '「 144 小時便利簽證 」', name: '144 小時便利簽證' },
    ]);
  });

  it('skips empty quotes', () => {
    expect(findQuoted('《》與「」之間')).toEqual([]);
    expect(findQuoted('「 」')).toEqual([]);
  });

  it('ignores a closing mark with no opening one', () => {
    expect(found('試點》範圍，推進《粵港合作框架協議》實施')).toEqual([
      { kind: 'book', marked: '《粵港合作框架協議》', name: '粵港合作框架協議' },
    ]);
  });

  it('does not let an opening mark left unclosed run past the end of its sentence', () => {
    const text = '推動「等效先認政策。落實《粵港合作框架協議》。';
    expect(found(text)).toEqual([{ kind: 'book', marked: '《粵港合作框架協議》', name: '粵港合作框架協議' }]);
  });

  it('a mismatched closing mark does not close a pair', () => {
    // 」 cannot close 《: the title runs on to its own 》.
    expect(found('《甲」乙》')).toEqual([{ kind: 'book', marked: '《甲」乙》', name: '甲乙' }]);
  });

  it('an opening mark left unclosed does not hide a complete title later in the sentence', () => {
    expect(found('「未閉合，《乙》')).toEqual([{ kind: 'book', marked: '《乙》', name: '乙' }]);
  });
});
