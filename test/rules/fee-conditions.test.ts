// Fee exemptions hold only with their conditions (notice 三（四）): 事业单位专业技术二三级岗位评聘（考核）,
// 评聘结合单位已评未聘人员, 乡村振兴人才 and 初级认定人员 do not pay; the conditions come from the
// application's facts (unit, level, procedure), never from a claim alone. 乡村振兴人才 is exempt by
// being that category: the notice asks no document. A document a policy asks of an exemption is a
// condition of the exemption only: missing, the fee is charged; the application is never refused for it.
import { checkEligibility, decideFee, missingProofs } from '../../workers/rules/index.js';
import { app, at, policy2024, rulesOf } from './support.js';
import { parsePolicy } from '../../workers/policy/load.js';

const rural = (proofs?: Array<{ kind: string; documentNo: string; issuedBy: string; issuedOn: string }>) =>
  app({ category: 'rural-revitalization', qualification: { series: '农业', specialty: '农学' }, applicant: proofs ? { proofs } : {} });
const ruralProof = { kind: 'rural-talent', documentNo: 'XC-2023-018', issuedBy: '农安县人力资源和社会保障局', issuedOn: '2023-06-01' };
const bound = { kind: 'institution' as const, appointmentLinked: true, competentDepartment: { name: '长春市教育局', level: 'city' as const, divisionCode: '220100' } };

/** The 2024 policy with a document asked of the 乡村振兴人才 exemption, as an operator might add one. */
const askingProof = () => {
  const categories = structuredClone(policy2024.categories);
  categories['rural-revitalization'].proofs = [{ kind: 'rural-talent', name: '乡村振兴人才证明材料', example: true, basis: 'EXAMPLE' }];
  return parsePolicy({ ...policy2024, categories }, 'test');
};

describe('缴费: 乡村振兴人才…不需缴费, by being that category', () => {
  it('三（四）乡村振兴人才不需缴费: exempt by the category alone, with or without any document', () => {
    expect(decideFee(rural(), policy2024)).toMatchObject({ exempt: true, amount: null, reason: expect.stringContaining('rural-revitalization') });
    expect(decideFee(rural([ruralProof]), policy2024)).toMatchObject({ exempt: true, amount: null });
  });

  it('三（四）乡村振兴人才: eligible without any document; the shipped policy asks none (the notice names none)', () => {
    const when = at('2024-01-15T10:00:00');
    expect(rulesOf(checkEligibility(rural(), policy2024, when))).toEqual([]);
    expect(missingProofs(rural(), policy2024)).toEqual([]);
    expect(policy2024.categories['rural-revitalization'].proofs).toEqual([]);
    expect(policy2024.provenance['categories.rural-revitalization.proofs']).toMatchObject({ source: 'notice', clause: '三（四）' });
  });

  it('三（四）: a policy that asks a document of the exemption charges the fee without it (the reason names the field), and never refuses the application', () => {
    const p = askingProof();
    const when = at('2024-01-15T10:00:00');
    expect(decideFee(rural([ruralProof]), p)).toMatchObject({ exempt: true, amount: null });
    expect(decideFee(rural(), p)).toMatchObject({ exempt: false, amount: 180, reason: expect.stringContaining('applicant.proofs: 乡村振兴人才证明材料 (rural-talent)') });
    expect(rulesOf(checkEligibility(rural(), p, when))).toEqual([]);
    expect(missingProofs(rural([{ ...ruralProof, kind: 'other' }]), p)).toEqual([{ kind: 'rural-talent', name: '乡村振兴人才证明材料', of: 'category rural-revitalization (乡村振兴人才)' }]);
  });

  it('评聘结合单位已评未聘人员不需缴费 only in a 评聘结合 institution: the subtype claimed by an enterprise pays', () => {
    expect(decideFee(app({ subtype: 'appointed-unassigned', unit: bound }), policy2024)).toMatchObject({ exempt: true });
    expect(decideFee(app({ subtype: 'appointed-unassigned' }), policy2024)).toMatchObject({
      exempt: false,
      amount: 180,
      reason: expect.stringMatching(/unit\.kind: must be institution; unit\.appointmentLinked: must be true/),
    });
  });

  it('事业单位专业技术二三级岗位评聘（考核）不需缴费 only for institutions', () => {
    expect(decideFee(app({ category: 'post-grade-2-3', unit: bound, qualification: { postGrade: 2 } }), policy2024)).toMatchObject({ exempt: true });
    expect(decideFee(app({ category: 'post-grade-2-3', qualification: { postGrade: 2 } }), policy2024)).toMatchObject({ exempt: false, reason: expect.stringContaining('unit.kind') });
  });

  it('初级认定人员不需缴费: junior certification only; a junior review and an intermediate certification pay', () => {
    expect(decideFee(app({ qualification: { level: 'junior', procedure: 'certification' } }), policy2024)).toMatchObject({ exempt: true });
    expect(decideFee(app({ qualification: { level: 'junior', procedure: 'review' } }), policy2024)).toMatchObject({ exempt: false, reason: null });
    expect(decideFee(app({ qualification: { level: 'intermediate', procedure: 'certification' } }), policy2024)).toMatchObject({ exempt: false, reason: null });
  });

  it('其他申报人员缴费: the 基层 categories (基层卫生, 3010, 基层硕博) are not among the exemptions and pay', () => {
    expect(decideFee(app({ subtype: 'grassroots-health', qualification: { series: '卫生', level: 'associate-senior' } }), policy2024)).toMatchObject({ exempt: false, reason: null });
    expect(decideFee(app({ category: 'grassroots-3010' }), policy2024)).toMatchObject({ exempt: false, reason: null });
    expect(decideFee(app({ category: 'grassroots-postgrad' }), policy2024)).toMatchObject({ exempt: false, reason: null });
  });

  it('三（四）: a fee-exempt subtype may ask a document of its exemption (已评未聘): missing, the fee is charged, the application stays eligible', () => {
    const categories = structuredClone(policy2024.categories);
    categories.regular.subtypes['appointed-unassigned']!.requires.proofs = [{ kind: 'appointment-record', name: '评聘结合单位聘任记录', example: true }];
    const p = parsePolicy({ ...policy2024, categories }, 'test');
    const a = app({ subtype: 'appointed-unassigned', unit: bound });
    expect(decideFee(a, p)).toMatchObject({ exempt: false, amount: 180, reason: expect.stringContaining('applicant.proofs: 评聘结合单位聘任记录 (appointment-record)') });
    expect(rulesOf(checkEligibility(a, p, at('2024-01-15T10:00:00')))).toEqual([]);
    expect(decideFee(app({ subtype: 'appointed-unassigned', unit: bound, applicant: { proofs: [{ kind: 'appointment-record', documentNo: 'P-1', issuedBy: '某单位', issuedOn: '2023-05-01' }] } }), p)).toMatchObject({ exempt: true });
  });

  it('三（四）: a document is only ever a condition of a fee exemption: a policy asking one of a category or subtype that pays does not load, naming the field', () => {
    const categories = structuredClone(policy2024.categories);
    categories.regular.subtypes['grassroots-health']!.requires.proofs = [{ kind: 'grassroots-post', name: '基层医疗卫生机构在岗证明', example: true }];
    categories['dual-track'].proofs = [{ kind: 'skill-certificate', name: '职业技能等级证书', example: true }];
    expect(() => parsePolicy({ ...policy2024, categories }, 'test')).toThrow(/categories\.regular\.subtypes\.grassroots-health\.requires\.proofs: only a fee-exempt subtype may ask for a proof/);
    expect(() => parsePolicy({ ...policy2024, categories }, 'test')).toThrow(/categories\.dual-track\.proofs: only a fee-exempt category may ask for a proof/);
  });
});
