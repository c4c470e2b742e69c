import { parseUnits } from '../../../ingest/extract/unit-names';

const names = (text: string) => parseUnits(text).map((u) => u.name);

describe('parseUnits: shared prefixes and suffixes', () => {
  it('expands a shared 省 prefix and a shared 市政府 suffix, all lead when the group ends in 牽頭', () => {
    expect(parseUnits('省教育廳、人力資源社會保障廳，廣州、佛山市政府牽頭')).toEqual([
      { name: '省教育廳', lead: true },
      { name: '省人力資源社會保障廳', lead: true },
      { name: '廣州市政府', lead: true },
      { name: '佛山市政府', lead: true },
    ]);
  });

  it('expands the same way in Simplified, with 牵头', () => {
    expect(parseUnits('省商务厅、工业和信息化厅，珠海、中山市政府牵头；澳门经济及科技发展局参与')).toEqual([
      { name: '省商务厅', lead: true },
      { name: '省工业和信息化厅', lead: true },
      { name: '珠海市政府', lead: true },
      { name: '中山市政府', lead: true },
      { name: '澳门经济及科技发展局', lead: false },
    ]);
  });

  it('carries a Macao prefix to a bare 海关 after it', () => {
    expect(names('省口岸办、公安厅，拱北海关牵头；澳门治安警察局、海关参与')).toEqual([
      '省口岸办',
      '省公安厅',
      '拱北海关',
      '澳门治安警察局',
      '澳门海关',
    ]);
  });

  it('a prefix applies within its own list only: the same department under two prefixes stays two units', () => {
    expect(names('省文化和旅游厅、体育局；澳门文化局、体育局')).toEqual([
      '省文化和旅游厅',
      '省体育局',
      '澳门文化局',
      '澳门体育局',
    ]);
  });
});

describe('parseUnits: lead and non-lead', () => {
  it('only the units before 牽頭 lead; a ；-separated 參與 group does not', () => {
    expect(parseUnits('省商務廳、科技廳牽頭；澳門經濟及科技發展局參與')).toEqual([
      { name: '省商務廳', lead: true },
      { name: '省科技廳', lead: true },
      { name: '澳門經濟及科技發展局', lead: false },
    ]);
  });

  it('a 牽頭 group followed by a 參與 group after a comma: the marker closes each group', () => {
    expect(parseUnits('省科技廳牽頭，省發展改革委、香港創新科技署參與')).toEqual([
      { name: '省科技廳', lead: true },
      { name: '省發展改革委', lead: false },
      { name: '香港創新科技署', lead: false },
    ]);
  });

  it('a parenthesis without 牽頭 has no lead unit', () => {
    const units = parseUnits('省教育廳、人力資源社會保障廳');
    expect(units.map((u) => u.name)).toEqual(['省教育廳', '省人力資源社會保障廳']);
    expect(units.every((u) => !u.lead)).toBe(true);
  });

  it('ignores a full stop at the end', () => {
    expect(parseUnits('省商務廳牽頭。')).toEqual([{ name: '省商務廳', lead: true }]);
  });
});

describe('parseUnits: names that take no prefix', () => {
  it('keeps complete names as printed: another city government, a customs district, a national sub-office', () => {
    expect(parseUnits('省口岸辦、公安廳牽頭，深圳市政府、海關總署廣東分署參與')).toEqual([
      { name: '省口岸辦', lead: true },
      { name: '省公安廳', lead: true },
      { name: '深圳市政府', lead: false },
      { name: '海關總署廣東分署', lead: false },
    ]);
    expect(names('省交通運輸廳，珠海市政府牽頭；拱北海關參與')).toEqual([
      '省交通運輸廳',
      '珠海市政府',
      '拱北海關',
    ]);
    expect(names('省口岸辦、拱北海關牽頭')).toEqual(['省口岸辦', '拱北海關']);
    expect(names('省口岸辦、拱北海關')).toEqual(['省口岸辦', '拱北海關']);
  });

  it('does not prefix a name that carries its own place', () => {
    expect(names('省民政廳、香港勞工及福利局')).toEqual(['省民政廳', '香港勞工及福利局']);
    expect(names('省金融局、人民銀行廣州分行、廣東銀保監局牽頭')).toEqual([
      '省金融局',
      '人民銀行廣州分行',
      '廣東銀保監局',
    ]);
    expect(names('團省委、省教育廳牽頭')).toEqual(['團省委', '省教育廳']);
  });

  it('leaves a long named body whole, before or after a prefixed unit', () => {
    expect(names('横琴粤澳深度合作区执行委员会、省发展改革委牵头')).toEqual([
      '横琴粤澳深度合作区执行委员会',
      '省发展改革委',
    ]);
    expect(names('省发展改革委、横琴粤澳深度合作区执行委员会牵头')).toEqual([
      '省发展改革委',
      '横琴粤澳深度合作区执行委员会',
    ]);
  });

  it('national bodies take no provincial prefix, and end the prefix run', () => {
    expect(parseUnits('国家发展改革委、商务部牵头；省商务厅参与')).toEqual([
      { name: '国家发展改革委', lead: true },
      { name: '商务部', lead: true },
      { name: '省商务厅', lead: false },
    ]);
    expect(names('省发展改革委、国家发展改革委、商务部牵头')).toEqual([
      '省发展改革委',
      '国家发展改革委',
      '商务部',
    ]);
  });
});

describe('parseUnits: a unit with its own parenthesis, and duplicates', () => {
  it('keeps the inner parenthesis as part of the name and still expands the next unit', () => {
    expect(parseUnits('省市場監管局（知識產權局）、商務廳牽頭')).toEqual([
      { name: '省市場監管局（知識產權局）', lead: true },
      { name: '省商務廳', lead: true },
    ]);
  });

  it("does not split inside the unit's own parenthesis, and prefixes a department that carries one", () => {
    expect(parseUnits('省市場監管局（知識產權局、藥監局）、商務廳牽頭')).toEqual([
      { name: '省市場監管局（知識產權局、藥監局）', lead: true },
      { name: '省商務廳', lead: true },
    ]);
    expect(parseUnits('省商務廳、市場監管局（知識產權局）牽頭')).toEqual([
      { name: '省商務廳', lead: true },
      { name: '省市場監管局（知識產權局）', lead: true },
    ]);
  });

  it('lists a unit once, with the role of its first appearance', () => {
    expect(parseUnits('省教育廳牽頭；省教育廳參與')).toEqual([{ name: '省教育廳', lead: true }]);
  });

  it('recognises a duplicate only after expansion (教育廳 after 省… is 省教育廳)', () => {
    expect(parseUnits('省教育廳牽頭；省人力資源社會保障廳、教育廳參與')).toEqual([
      { name: '省教育廳', lead: true },
      { name: '省人力資源社會保障廳', lead: false },
    ]);
  });
});
