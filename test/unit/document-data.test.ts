// The documents' data: the notice's consultation lines (五（五）) on every document, and the 公示表
// issued by the committee that publicises the result (三（六）) with that office's contacts; the
// applicant's 公示表 of the 个人申报 (三（一）), published by the unit (三（二）).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../workers/config.js';
import { documentData, documentProblems } from '../../workers/documents/data.js';
import { applicationSchema } from '../../workers/domain/application.js';
import { loadPolicy, parsePolicy } from '../../workers/policy/load.js';

const policy = loadPolicy('2024', path.join(ROOT, 'policy'));
const application = applicationSchema.parse(JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/application-regular.json'), 'utf8')));
const facts = {
  applicationId: 'JL2024-ABCDEFGHJK',
  application,
  policy,
  committeeName: '吉林省工程系列中级职称评审委员会',
  vote: { passed: true, decidedOn: '2024-06-18' },
  publicityStart: '2024-06-24',
  publicityEnd: '2024-06-28',
};

describe('document data', () => {
  it('政策咨询: every document carries the notice\'s consultation lines from the policy', () => {
    const data = documentData('review-summary', facts) as { helpDesk: { clause: string; lines: Array<{ phones: Array<{ number: string }> }> } };
    expect(data.helpDesk.clause).toBe('五（五）政策咨询');
    expect(data.helpDesk.lines.flatMap((l) => l.phones.map((p) => p.number))).toEqual(['0431-80767550', '0431-12333', '0431-88693866', '0431-88690926']);
  });

  it('三（六）结果公示 各职称评审委员会…进行公示: the 公示表 is issued by the committee\'s office with its own objection contact, not the 业务咨询 line', () => {
    const data = documentData('publicity-form', facts) as { publicity: Record<string, unknown> };
    expect(data.publicity).toMatchObject({
      issuer: '吉林省工程系列中级职称评审委员会办公室',
      contact: { department: '吉林省工程系列中级职称评审委员会办公室', phone: '0431-00000002', address: '' },
    });
    expect(JSON.stringify(data.publicity)).not.toContain('0431-88690926');
  });

  it('三（六）结果公示: a 公示表 of a committee the policy does not have is not made (no objection contact to print); the problem names the field', () => {
    const unknown = { ...facts, committeeName: '某某委员会' };
    expect(documentProblems('publicity-form', unknown)).toEqual([expect.stringMatching(/^committeeName: "某某委员会" is no committee of policy 2024: .*committees\[\]\.office/)]);
    expect(() => documentData('publicity-form', unknown)).toThrow(/committeeName/);
    expect(documentProblems('publicity-form', facts)).toEqual([]);
  });

  it('结果公示: with the committee office\'s contacts in the policy, the 公示表 prints that office and its numbers', () => {
    const committees = policy.committees.map((c) =>
      c.id === 'jl-engineering-intermediate' ? { ...c, office: { name: '吉林省工程系列中级职称评审委员会办公室', phones: ['0431-80000000', '0431-80000001'], address: '长春市某某路1号', example: true } } : c,
    );
    const withOffice = parsePolicy({ ...policy, committees }, 'test');
    const data = documentData('publicity-form', { ...facts, policy: withOffice, committeeId: 'jl-engineering-intermediate' }) as { publicity: Record<string, unknown> };
    expect(data.publicity).toMatchObject({
      issuer: '吉林省工程系列中级职称评审委员会办公室',
      contact: { department: '吉林省工程系列中级职称评审委员会办公室', phone: '0431-80000000、0431-80000001', address: '长春市某某路1号' },
    });
  });

  it('三（四）初级认定: the 公示表 of an application passed without a vote says it was recognised, dated, naming no meeting', () => {
    const data = documentData('publicity-form', { ...facts, vote: { passed: true, held: false, decidedOn: '2024-06-19' } }) as { review: Record<string, unknown> };
    expect(data.review).toEqual({ result: 'recognised', held: false, meetingDate: '2024-06-19' });
    expect((documentData('publicity-form', facts) as { review: Record<string, unknown> }).review).toEqual({ result: 'passed', held: true, meetingDate: '2024-06-18' });
  });

  it('SPEC 6, 三（六）: the 公示表 carries the publicity by its days: the flow\'s end (24:00 of the last day) is that last day', () => {
    const data = documentData('publicity-form', { ...facts, publicityStart: '2026-12-03', publicityEnd: '2026-12-10T00:00:00+08:00' }) as { publicity: Record<string, unknown>; publicityProvisionalNote: unknown };
    expect(data.publicity).toMatchObject({ startsOn: '2026-12-03', endsOn: '2026-12-09', issuedOn: '2026-12-03', workingDays: 5 });
    expect(data.publicityProvisionalNote).toBeNull();
  });

  it('SPEC 6: a provisional publicity period (a year whose holiday schedule is not published) carries its note for the 公示表', () => {
    const note = '（暂定：2027年的放假安排尚未公布，按法定节假日暂定）';
    const data = documentData('publicity-form', { ...facts, publicityStart: '2027-01-04', publicityEnd: '2027-01-09T00:00:00+08:00', publicityProvisionalNote: note }) as { publicityProvisionalNote: unknown };
    expect(data.publicityProvisionalNote).toBe(note);
  });
});

describe('the applicant\'s 公示表 of the unit\'s publicity (unit-publicity-form)', () => {
  const unitFacts = { applicationId: 'JL2024-ABCDEFGHJK', application, policy };
  type Publicity = { publicity: Record<string, unknown>; publicityProvisionalNote: unknown };

  it('三（一）个人申报: made at submission from the application alone, the unit as its publisher, saying its dates come when the unit publicises', () => {
    expect(documentProblems('unit-publicity-form', unitFacts)).toEqual([]);
    const data = documentData('unit-publicity-form', unitFacts) as Publicity & { applicant: { name: string } };
    expect(data.applicant.name).toBe(application.applicant.name);
    expect(data.publicity).toMatchObject({
      number: 'JL2024-ABCDEFGHJK-DWGS',
      issuer: application.unit.name,
      startsOn: null,
      endsOn: null,
      issuedOn: null,
      periodNote: '公示时间由发布单位公示时确定',
      workingDays: policy.publicity.unitWorkingDays,
    });
    expect(data.publicityProvisionalNote).toBeNull();
  });

  it('三（二）单位公示: the unit takes the objections, through its HR department, never the provincial help desk', () => {
    const data = documentData('unit-publicity-form', unitFacts) as Publicity;
    expect(data.publicity.contact).toEqual({ department: `${application.unit.name}人事部门`, phone: '', address: '', atPublisher: true });
    const helpDesk = policy.contacts.lines.flatMap((l) => l.phones.map((p) => p.number));
    for (const number of helpDesk) expect(JSON.stringify(data.publicity)).not.toContain(number);
  });

  it('三（二）: a freelance artist\'s 公示表 is published by the federation that verified it (省文联 or 省作协), which takes the objections', () => {
    const artist = { ...application, applicant: { ...application.applicant, freelanceArtist: true }, qualification: { ...application.qualification, series: '艺术', specialty: '文学创作' } };
    const data = documentData('unit-publicity-form', { ...unitFacts, application: artist }) as Publicity;
    expect(data.publicity).toMatchObject({ issuer: policy.federations.literature, contact: { department: policy.federations.literature } });
  });

  it('SPEC 6: when the unit publicises, the form carries the publicity by its days: the end (24:00 of the last day) is that last day', () => {
    const data = documentData('unit-publicity-form', { ...unitFacts, unitPublicityStart: '2027-02-24', unitPublicityEnd: '2027-03-03T00:00:00+08:00' }) as Publicity;
    expect(data.publicity).toMatchObject({ startsOn: '2027-02-24', endsOn: '2027-03-02', issuedOn: '2027-02-24', workingDays: 5, issuer: application.unit.name });
    expect(data.publicity).not.toHaveProperty('periodNote');
  });

  it('SPEC 6: a provisional unit publicity carries its note; the form made before the dates carries none', () => {
    const note = '暂定：2027年的放假安排尚未公布，按法定节假日暂定';
    const dated = documentData('unit-publicity-form', { ...unitFacts, unitPublicityStart: '2027-02-24', unitPublicityEnd: '2027-03-03T00:00:00+08:00', unitPublicityProvisionalNote: note }) as Publicity;
    expect(dated.publicityProvisionalNote).toBe(note);
    expect((documentData('unit-publicity-form', { ...unitFacts, unitPublicityProvisionalNote: note }) as Publicity).publicityProvisionalNote).toBeNull();
  });
});

describe('the certificate\'s 资格名称', () => {
  const certificate = { number: '2024-C02-000001', verificationCode: '7KQ3MZ9T2HXA4RWB8NCD', titleName: '工程系列计算机应用专业中级', approvedOn: '2024-06-18', issuer: '吉林省人力资源和社会保障厅', issuedOn: '2024-07-05' };
  const printed = (qualification: Partial<typeof application.qualification>) =>
    (documentData('certificate', { ...facts, application: { ...application, qualification: { ...application.qualification, ...qualification } }, certificate }) as { certificate: { titleName: string; levelLabel: string } }).certificate;

  it('prints the title by series and level from the policy (工程 中级: 工程师), and the level by its label', () => {
    expect(printed({ series: '工程', level: 'intermediate' })).toMatchObject({ titleName: '工程师', levelLabel: '中级' });
    expect(printed({ series: '工程', level: 'junior', juniorGrade: 'clerk' })).toMatchObject({ titleName: '技术员', levelLabel: '员级' });
    expect(printed({ series: '中小学教师', level: 'associate-senior' })).toMatchObject({ titleName: '高级教师', levelLabel: '副高级' });
  });

  it('falls back to <series>系列<level label> where the policy names no title', () => {
    expect(printed({ series: '计算机技术与软件', level: 'intermediate' })).toMatchObject({ titleName: '计算机技术与软件系列中级', levelLabel: '中级' });
  });
});
