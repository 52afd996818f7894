// 以考代评 and 考评结合 (notice 一.3): the series lists are the national rules the notice refers to,
// kept in the policy; the application's own claim does not override them.
import { checkEligibility } from '../../workers/rules/index.js';
import { app, at, policy2024, rulesOf } from './support.js';

const check = (series: string, level: 'junior' | 'intermediate' | 'associate-senior' | 'senior', examCertificateNo: string | null = null) =>
  rulesOf(checkEligibility(app({ qualification: { series, specialty: '通用', level, examCertificateNo } }), policy2024, at('2024-01-15T10:00:00')));

describe('以考代评系列按照有关规定参加全国统一考试', () => {
  it.each([
    ['计算机技术与软件', 'junior'],
    ['计算机技术与软件', 'intermediate'],
    ['计算机技术与软件', 'associate-senior'],
    ['翻译', 'junior'],
    ['翻译', 'intermediate'],
    ['社会工作', 'junior'],
    ['社会工作', 'intermediate'],
    ['出版', 'junior'],
    ['出版', 'intermediate'],
    ['会计', 'intermediate'],
    ['卫生', 'intermediate'],
  ] as const)('以考代评: %s at %s cannot be applied for, whatever the application says', (series, level) => {
    expect(check(series, level)).toEqual(['eligibility.exam-replaces-review@qualification.series']);
  });
});

describe('考评结合系列须取得国家统一考试合格证书后申报参加职称评审', () => {
  it.each([
    ['卫生', 'associate-senior'],
    ['卫生', 'senior'],
    ['翻译', 'associate-senior'],
    ['社会工作', 'associate-senior'],
    ['经济', 'associate-senior'],
  ] as const)('考评结合: %s at %s needs the exam certificate, and is accepted with it', (series, level) => {
    expect(check(series, level)).toEqual(['eligibility.exam-certificate-required@qualification.examCertificateNo']);
    expect(check(series, level, 'KS2023-0001')).toEqual([]);
  });

  it('一.3: series reviewed at a level the lists leave out are reviewed (出版 副高, 翻译 正高)', () => {
    expect(check('出版', 'associate-senior')).toEqual([]);
    expect(check('翻译', 'senior')).toEqual([]);
  });

  it('一.3 按照有关规定: the lists are marked as national rules, not the notice\'s, and every entry states its basis', () => {
    expect(policy2024.provenance.evaluationModes).toMatchObject({ source: 'national', clause: '一.3' });
    expect(policy2024.evaluationModes.every((m) => (m.basis ?? '').length > 0)).toBe(true);
  });
});
