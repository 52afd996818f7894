// Fee exemptions hold only with their conditions (notice 三（四）): 事业单位专业技术二三级岗位评聘（考核）,
// 评聘结合单位已评未聘人员, 乡村振兴人才 and 初级认定人员 do not pay; the conditions come from the
// application's facts (unit, level, procedure, documents), never from a claim alone.
import { checkEligibility, decideFee, missingProofs, parsePolicy } from '../../workers/rules/index.js';
import { app, at, policy2024, rulesOf } from './support.js';

const rural = (proofs?: Array<{ kind: string; documentNo: string; issuedBy: string; issuedOn: string }>) =>
  app({ category: 'rural-revitalization', qualification: { series: '农业', specialty: '农学' }, applicant: proofs ? { proofs } : {} });
const ruralProof = { kind: 'rural-talent', documentNo: 'XC-2023-018', issuedBy: '农安县人力资源和社会保障局', issuedOn: '2023-06-01' };
const bound = { kind: 'institution' as const, appointmentLinked: true, competentDepartment: { name: '长春市教育局', level: 'city' as const, divisionCode: '220100' } };

describe('缴费: 乡村振兴人才…不需缴费, with the document the policy requires', () => {
  it('乡村振兴人才不需缴费: exempt with the proof, payable without it, and the reason names the field', () => {
    expect(decideFee(rural([ruralProof]), policy2024)).toMatchObject({ exempt: true, amount: null });
    const without = decideFee(rural(), policy2024);
    expect(without).toMatchObject({ exempt: false, amount: 180, reason: expect.stringContaining('applicant.proofs: 乡村振兴人才证明材料 (rural-talent)') });
  });

  it('乡村振兴人才: eligibility refuses the category without the proof, on applicant.proofs', () => {
    const when = at('2024-01-15T10:00:00');
    expect(rulesOf(checkEligibility(rural([ruralProof]), policy2024, when))).toEqual([]);
    expect(checkEligibility(rural(), policy2024, when).reasons).toEqual([
      { rule: 'eligibility.proof-required', field: 'applicant.proofs', message: expect.stringContaining('乡村振兴人才证明材料') },
    ]);
    expect(missingProofs(rural([{ ...ruralProof, kind: 'other' }]), policy2024)).toEqual([{ kind: 'rural-talent', name: '乡村振兴人才证明材料', of: 'category rural-revitalization (乡村振兴人才)' }]);
  });

  it('乡村振兴人才: the required document is marked as this product\'s example, not the notice\'s', () => {
    expect(policy2024.categories['rural-revitalization'].proofs).toEqual([expect.objectContaining({ kind: 'rural-talent', example: true, basis: expect.stringContaining('EXAMPLE') })]);
    expect(policy2024.provenance['categories.rural-revitalization.proofs']).toMatchObject({ source: 'example' });
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

  it('a subtype may require a document too (policy data): 基层卫生 with a required proof is refused without it', () => {
    const categories = structuredClone(policy2024.categories);
    categories.regular.subtypes['grassroots-health']!.requires.proofs = [{ kind: 'grassroots-post', name: '基层医疗卫生机构在岗证明', example: true }];
    const p = parsePolicy({ ...policy2024, categories }, 'test');
    const a = app({ subtype: 'grassroots-health', qualification: { series: '卫生', level: 'associate-senior', examCertificateNo: 'WS2023-1' } });
    expect(rulesOf(checkEligibility(a, p, at('2024-01-15T10:00:00')))).toEqual(['eligibility.proof-required@applicant.proofs']);
  });
});
