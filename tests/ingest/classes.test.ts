/**
 * The sixteen classes of extraction failure seen on real plans of the series (issue 14), each
 * reproduced by a small document of our own in the series' style, in one script or the other. Each
 * failed before the fix it names; the whole documents in tests/fixtures/ test them together.
 */
import { runStages } from '../../ingest/pipeline';
import { sourceFromText } from '../../ingest/source';
import type { Doc } from '../../ingest/types';

const TITLE_HK = '# 實施《粵港合作框架協議》2020 年重點工作\n\n';
const TITLE_MO = '實施《粵澳合作框架協議》2017年重點工作\n\n';

function run(text: string, name = 'plan.txt'): Doc {
  return runStages(sourceFromText(name, text));
}

const refs = (doc: Doc) => doc.measures.map((m) => m.reference);
const texts = (doc: Doc) => doc.measures.map((m) => m.text);
const units = (doc: Doc, i: number) => doc.measures[i]!.units!.map((u) => `${u.name}${u.lead ? '*' : ''}`);
const mentions = (doc: Doc, i: number) => doc.measures[i]!.mentions!.map((m) => `${m.name}:${m.type}`);
const entityOf = (doc: Doc, name: string) =>
  doc.entities!.find((e) =>
    doc.measures.some((m) => m.mentions!.some((x) => x.name === name && x.entityKey === e.key)),
  );
const messages = (doc: Doc) => doc.warnings.map((w) => w.message).join('\n');

describe('structure', () => {
  it('1. reads a measure whose text starts with a year, keeping its units', () => {
    const doc = run(
      `${TITLE_MO}一、會展合作\n\n4.推進會展業合作。\n5.2017年舉辦粵澳名優商品展銷會。（省商務廳、澳門貿易投資促進局牽頭）\n６．2018 年起輪流舉辦經貿洽談會。\n`,
    );
    expect(refs(doc)).toEqual(['一、4', '一、5', '一、6']);
    expect(doc.measures[1]!.text).toBe('2017年舉辦粵澳名優商品展銷會。');
    expect(units(doc, 1)).toEqual(['省商務廳*', '澳門貿易投資促進局*']);
    expect(doc.measures[2]!.text.startsWith('2018 年起')).toBe(true);
  });

  it('2. gives unique references where numbering restarts and sub-headings carry （一）', () => {
    const doc = run(
      `${TITLE_MO}一、基礎設施\n\n（一）推進口岸建設。\n（二）完善交通網絡。\n\n二、產業合作\n\n（一）金融合作\n\n1.深化金融合作。\n2.推動保險互通。\n\n（二）旅遊合作\n\n1.推廣旅遊路線。\n`,
    );
    expect(refs(doc)).toEqual(['一（一）', '一（二）', '二（一）1', '二（一）2', '二（二）1']);
    expect(new Set(refs(doc)).size).toBe(doc.measures.length);
    expect(doc.measures.map((m) => m.number)).toEqual(['一', '二', '1', '2', '1']);
  });

  it('3. takes a short unnumbered line between measures for a heading, not text of the measure above', () => {
    const doc = run(
      `${TITLE_MO}一、產業合作\n\n1.推進金融合作。（省地方金融監管局牽頭）\n\n現代服務業\n\n2.推動會展業發展。（省商務廳牽頭）\n社會民生\n3.推進醫療合作。\n`,
    );
    expect(texts(doc)).toEqual(['推進金融合作。', '推動會展業發展。', '推進醫療合作。']);
    expect(units(doc, 0)).toEqual(['省地方金融監管局*']);
    expect(doc.sections.map((s) => s.title)).toEqual(['產業合作', '現代服務業', '社會民生']);
    expect(doc.measures[1]!.sectionKey).toBe(doc.sections[1]!.key);
    expect(refs(doc)).toEqual(['一、1', '一、2', '一、3']);
    expect(messages(doc)).toMatch(/unnumbered heading recognised: 現代服務業/u);
  });

  it('4. splits two measures printed on one line, each with its own units', () => {
    const doc = run(
      `${TITLE_MO}一、重點工作\n\n（一）推進珠海口岸建設。（省發展改革委牽頭）（二）加快橫琴新區開發。（珠海市政府牽頭）\n（三）推進醫療合作。2.不是新措施\n\n二、其他\n\n1.推動旅遊合作。2.推動會展合作。\n`,
    );
    expect(refs(doc)).toEqual(['一（一）', '一（二）', '一（三）', '二、1', '二、2']);
    expect(units(doc, 0)).toEqual(['省發展改革委*']);
    expect(units(doc, 1)).toEqual(['珠海市政府*']);
    expect(doc.measures[0]!.text).toBe('推進珠海口岸建設。');
    expect(mentions(doc, 1)).toContain('橫琴新區:Zone');
    expect(messages(doc)).toMatch(/two measures on one line; split before （二）/u);
  });

  it('5. leaves out a cut-short last item and a trailing sub-heading', () => {
    const doc = run(`${TITLE_MO}一、重點工作\n\n（一）推進口岸建設。\n（二）完善交通網絡。\n（三）加強\n`);
    expect(refs(doc)).toEqual(['一（一）', '一（二）']);
    expect(messages(doc)).toMatch(/三 \(加強\) at the end has nothing under it: left out/u);
    expect(doc.sections.map((s) => s.title)).toEqual(['重點工作']);
    const trailing = run(
      `${TITLE_HK}## 一、合作\n\n1. 推進口岸建設。\n2. 完善交通網絡。\n\n（一）保障措施\n`,
    );
    expect(refs(trailing)).toEqual(['一、1', '一、2']);
    expect(trailing.sections.map((s) => s.title)).toEqual(['合作']);
    const cut = run(`${TITLE_HK}## 一、合作\n\n1. 推進口岸建設。\n2. 完善交通網絡。\n3. 加強\n`);
    expect(refs(cut)).toEqual(['一、1', '一、2']);
    expect(messages(cut)).toMatch(/last item 3 is cut short/u);
  });
});

describe('responsible units', () => {
  it('6. does not carry a city prefix onto bodies with their own names', () => {
    const doc = run(
      `${TITLE_MO}一、通關\n\n1.推進口岸查驗模式創新。（珠海市政府、海關廣東分署、珠海出入境檢驗檢疫局牽頭）\n2.完善跨境商務合作。（廣州市商務局、科技局牽頭）\n`,
    );
    expect(units(doc, 0)).toEqual(['珠海市政府*', '海關廣東分署*', '珠海出入境檢驗檢疫局*']);
    expect(units(doc, 1)).toEqual(['廣州市商務局*', '廣州市科技局*']);
  });

  it('7. reads units that are groups, companies and associations, and gives 貿促會 its prefix', () => {
    const doc = run(
      `${TITLE_MO}一、民航\n\n1.拓展澳門國際機場航線網絡。（省機場管理集團）\n2.辦好經貿推介活動。（省商務廳、貿促會牽頭，廣東省旅遊協會、珠海九洲控股集團有限公司參與）\n`,
    );
    expect(doc.measures[0]!.text).toBe('拓展澳門國際機場航線網絡。');
    expect(units(doc, 0)).toEqual(['省機場管理集團']);
    expect(units(doc, 1)).toEqual(['省商務廳*', '省貿促會*', '廣東省旅遊協會', '珠海九洲控股集團有限公司']);
  });

  it('8. reads units on labelled lines of a task-division plan and a heading that starts with a year', () => {
    const doc = run(
      '广东省2021年推进粤港澳大湾区建设重点工作任务分工方案\n\n一、2021年经济社会发展主要预期目标\n\n1.推进横琴口岸建设。\n\n分管省领导：张某某\n部门分工：省发展改革委牵头，各地、各部门配合。\n\n2.推动粤港澳科技合作。\n牵头单位：省科技厅\n责任单位：省教育厅、广州市政府\n\n3.深化金融合作。（牵头单位：省地方金融监管局；责任单位：人民银行广州分行、各有关部门）\n\n4.推进文化交流。\n责任单位：省文化和旅游厅\n',
    );
    expect(doc.sections.map((s) => s.title)).toEqual(['2021年经济社会发展主要预期目标']);
    expect(refs(doc)).toEqual(['一、1', '一、2', '一、3', '一、4']);
    expect(units(doc, 0)).toEqual(['省发展改革委*']);
    expect(doc.measures[0]!.leaders).toEqual(['张某某']);
    expect(units(doc, 1)).toEqual(['省科技厅*', '省教育厅', '广州市政府']);
    expect(units(doc, 2)).toEqual(['省地方金融监管局*', '人民银行广州分行']);
    expect(doc.measures[2]!.text).toBe('深化金融合作。');
    expect(units(doc, 3)).toEqual(['省文化和旅游厅']);
    expect(messages(doc)).not.toMatch(/outside any measure|ignored/u);
  });
});

describe('entities', () => {
  it('9. stops names at verbs and connectives on their left, and finds no port in a broad region', () => {
    const doc = run(
      `${TITLE_HK}## 一、交通\n\n1. 與澳門協商港珠澳大橋跨境車輛通行安排。\n2. 研究港珠澳大橋往來香港國際機場的交通接駁。\n3. 支持粵港兩地科研機構聯合申報廣東省重點領域研發計劃。\n4. 推動珠三角地區機場錯位發展。\n`,
    );
    expect(mentions(doc, 0)).toEqual(['澳門:City', '港珠澳大橋:Infrastructure']);
    expect(mentions(doc, 1)).toEqual(['港珠澳大橋:Infrastructure', '香港國際機場:Port']);
    expect(mentions(doc, 2)).toEqual(['廣東省重點領域研發計劃:Program']);
    expect(mentions(doc, 3)).toEqual(['珠三角地區:City']);
  });

  it('10. expands a list of names that share a stem and a head', () => {
    const doc = run(`${TITLE_MO}一、中醫藥\n\n（一）建設國際中藥材信息中心、交易中心、定價中心。\n`);
    expect(mentions(doc, 0)).toEqual([
      '國際中藥材信息中心:Institution',
      '國際中藥材交易中心:Institution',
      '國際中藥材定價中心:Institution',
    ]);
    expect(doc.measures[0]!.mentions!.map((m) => m.surface)).toEqual([
      '國際中藥材信息中心',
      '交易中心',
      '定價中心',
    ]);
  });

  it('11. takes a place written with a slash for one control point', () => {
    const doc = run(
      `${TITLE_HK}## 一、口岸\n\n1. 推進蓮塘/香園圍口岸建設。\n2. 研究洪灣/路環口岸通關模式。\n`,
    );
    expect(mentions(doc, 0)).toEqual(['蓮塘/香園圍口岸:Port']);
    expect(mentions(doc, 1)).toEqual(['洪灣/路環口岸:Port']);
    const simplified = run(`${TITLE_HK}## 一、口岸\n\n1. 推进莲塘／香园围口岸建设。\n`);
    expect(simplified.measures[0]!.mentions!.map((m) => m.entityKey)).toEqual(
      doc.measures[0]!.mentions!.map((m) => m.entityKey),
    );
  });

  it('12. types bridges, roads, railways and rail links as infrastructure', () => {
    const doc = run(
      `${TITLE_HK}## 一、交通\n\n1. 推進深圳東部過境高速公路、廣深港客運專線、深港西部快速軌道和廣深（港）沿江高速公路建設。\n2. 完善港珠澳大橋口岸配套。\n3. 加快廣州地鐵22號線建設。\n`,
    );
    expect(mentions(doc, 0)).toEqual([
      '深圳東部過境高速公路:Infrastructure',
      '廣深港客運專線:Infrastructure',
      '深港西部快速軌道:Infrastructure',
      '廣深（港）沿江高速公路:Infrastructure',
    ]);
    expect(mentions(doc, 1)).toEqual(['港珠澳大橋口岸:Port', '港珠澳大橋:Infrastructure']);
    expect(mentions(doc, 2)).toEqual(['廣州地鐵22號線:Infrastructure']);
  });

  it('13. finds named platforms, state key laboratories and names with digits', () => {
    const doc = run(
      `${TITLE_MO}一、平台\n\n（一）發揮中葡金融服務平台作用，建設中藥質量研究國家重點實驗室。\n（二）辦好廣東21世紀海上絲綢之路國際博覽會。\n`,
    );
    expect(mentions(doc, 0)).toEqual([
      '中葡金融服務平台:Institution',
      '中藥質量研究國家重點實驗室:Institution',
    ]);
    expect(mentions(doc, 1)).toEqual(['廣東21世紀海上絲綢之路國際博覽會:Event']);
  });
});

describe('identity in context', () => {
  const sentence = '落實CEPA，發揮聯席會議作用，落實《合作框架協議》。';
  const keys = (doc: Doc) => doc.measures[0]!.mentions!.map((m) => m.entityKey);

  it('14. resolves CEPA, 聯席會議 and 合作框架協議 by the plan’s partner region', () => {
    const macao = run(`${TITLE_MO}一、合作\n\n（一）${sentence}\n`);
    const hongKong = run(`${TITLE_HK}## 一、合作\n\n1. ${sentence}\n`);
    expect(macao.meta.region).toBe('macao');
    expect(keys(macao)).toEqual([
      '内地与澳门关于建立更紧密经贸关系的安排',
      '粤澳合作联席会议',
      '粤澳合作框架协议',
    ]);
    expect(keys(hongKong)).toEqual([
      '内地与香港关于建立更紧密经贸关系的安排',
      '粤港合作联席会议',
      '粤港合作框架协议',
    ]);
    // A plan with both partners cannot say which arrangement a bare CEPA is: it stays a name of its own.
    const both = run(`2021年粵港澳合作重點工作\n\n一、合作\n\n1.落實CEPA。\n`);
    expect(both.meta.region).toBe('both');
    expect(keys(both)).toEqual(['cepa']);
  });

  it('15. resolves by the plan’s year: 橫琴新區 is not the zone that succeeded it in 2021', () => {
    const doc = run(`${TITLE_MO}一、橫琴\n\n（一）推進橫琴新區開發，加快橫琴島基礎設施建設。\n`);
    expect(keys(doc)).toEqual(['横琴新区', '横琴']);
    const area = doc.entities!.find((e) => e.key === '横琴新区')!;
    expect(area).toMatchObject({ validFrom: 2009, validTo: 2021, succeededBy: '横琴粤澳深度合作区' });
    // The successor is in the graph with its validity, so the change of name can be followed.
    expect(doc.entities!.find((e) => e.key === '横琴粤澳深度合作区')).toMatchObject({ validFrom: 2021 });
    // A variant spelling is not linked to an entity that did not exist in the plan's year.
    const variant = run(`${TITLE_MO}一、橫琴\n\n（一）研究橫琴粵澳深度合作區的規劃。\n`);
    expect(entityOf(variant, '橫琴粵澳深度合作區')?.key).toBe('横琴粤澳深度合作区');
    const late = run(`實施《粵澳合作框架協議》2022年重點工作\n\n一、橫琴\n\n（一）推進橫琴合作區建設。\n`);
    expect(keys(late)).toEqual(['横琴粤澳深度合作区']);
    const early = run(`${TITLE_MO}一、橫琴\n\n（一）推進橫琴合作區建設。\n`);
    expect(keys(early)).not.toContain('横琴粤澳深度合作区');
  });

  it('16. types the Greater Bay Area as a zone and a fund’s headquarters as an institution', () => {
    const doc = run(`${TITLE_HK}## 一、合作\n\n1. 推進粵港澳大灣區建設，支持絲路基金總部落戶。\n`);
    expect(mentions(doc, 0)).toEqual(['粵港澳大灣區:Zone', '絲路基金總部:Institution']);
  });
});
