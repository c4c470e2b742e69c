import { leadActions } from '../../../ingest/extract/actions';
import { matchForm } from '../../../ingest/opencc';
import { ensureJieba, tokenize } from '../../../ingest/stages/segment';

/** The lead actions of a measure text, through the real match form and jieba tokens, as the pipeline computes them. */
const actionsOf = (text: string) => leadActions(tokenize(matchForm(text)));

beforeAll(() => ensureJieba());

describe('leadActions on real jieba tokens', () => {
  it('takes the verb that opens a clause after an adverb (積極, 進一步), in Traditional script', () => {
    expect(actionsOf('積極推動高標準佈局建設國家實驗室。')).toEqual(['推動']);
    expect(actionsOf('落實好財政科研資金跨境使用政策，進一步便利資金跨境撥付。')).toEqual(['落實', '便利']);
  });

  it('skips 共同 and a qualifying 加快 before the clause verb, but keeps 加快 when it is the action', () => {
    expect(actionsOf('共同爭取中央支持，推進珠三角空域結構優化工作。')).toEqual(['爭取', '推進']);
    expect(actionsOf('加快推進廣深港澳科技創新走廊建設。')).toEqual(['推進']);
    expect(actionsOf('加快皇崗口岸改造。')).toEqual(['加快']);
  });

  it('takes only the first verb of a clause, not the verbs after it', () => {
    expect(actionsOf('研究完善港珠澳大橋跨境車輛通行政策及有關出入境政策。')).toEqual(['研究']);
  });

  it('starts a new clause after ，, 。 and ；', () => {
    expect(actionsOf('加快皇崗口岸改造，爭取推動實施更加便利的通關模式。')).toEqual(['加快', '爭取']);
    expect(actionsOf('支持兩地保險機構合作開發創新產品；推進粵港澳聯合實驗室建設。')).toEqual([
      '支持',
      '推進',
    ]);
  });

  it('ignores a verb in a clause that opens with something else', () => {
    // 進入 is a verb, but its clause opens with 對經…: only 支持 and 推動 lead a clause.
    const text =
      '支持兩地保險機構合作開發跨境醫療保險等創新產品。對經港珠澳大橋口岸進入廣東行駛的香港機動車輛，推動實施「等效先認」政策。';
    expect(actionsOf(text)).toEqual(['支持', '推動']);
  });

  it('lists each action once, in order of first use', () => {
    expect(actionsOf('推進香港科技大學（廣州）籌建工作。推進香港理工大學在佛山的合作辦學相關工作。')).toEqual(
      ['推進'],
    );
  });

  it('gives Traditional actions for a Simplified text too, so both scripts share one value', () => {
    expect(actionsOf('推动落实深圳湾口岸 24 小时通关。')).toEqual(['推動']);
    expect(actionsOf('进一步推动在科技人才交流方面先行先试。')).toEqual(
      actionsOf('進一步推動在科技人才交流方面先行先試。'),
    );
    expect(actionsOf('进一步推动在科技人才交流方面先行先试。')).toEqual(['推動']);
  });

  it('finds nothing when no clause opens with a lead verb', () => {
    expect(actionsOf('香港居民在粵使用移動電子支付工具。')).toEqual([]);
    expect(leadActions([])).toEqual([]);
  });
});
