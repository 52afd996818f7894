// The notice's consultation lines (五（五）政策咨询) in one place, and the office that publishes a
// committee's result (三（六）: 各职称评审委员会…进行公示) with its contacts.
import { committeeOf, noticeContacts, officeContact, publisherOf, statusContacts } from '../../workers/rules/index.js';
import { policy2024 } from './support.js';
import { parsePolicy } from '../../workers/policy/load.js';

describe('政策咨询 专设职称政策和技术咨询服务电话', () => {
  it('政策咨询: the four numbers of the notice, each under the line the notice puts it', () => {
    const { clause, lines } = noticeContacts(policy2024);
    expect(clause).toBe('五（五）政策咨询');
    expect(lines.map((l) => [l.label, l.phones.map((p) => p.number + (p.note ? `（${p.note}）` : ''))])).toEqual([
      ['吉林省统一身份认证平台技术支持电话', ['0431-80767550']],
      ['软件技术服务电话', ['0431-12333（省本级）', '0431-88693866']],
      ['业务咨询电话', ['0431-88690926']],
    ]);
  });

  it('政策咨询: a number that is no phone number, or a business line that is no line, does not load', () => {
    const lines = structuredClone(policy2024.contacts.lines);
    lines[0]!.phones[0]!.number = '80767550';
    expect(() => parsePolicy({ ...policy2024, contacts: { ...policy2024.contacts, lines } }, 'policy/x.json')).toThrow(/contacts\.lines\.0\.phones\.0\.number: must be a phone number/);
    expect(() => parsePolicy({ ...policy2024, contacts: { ...policy2024.contacts, business: 'nope' } }, 'policy/x.json')).toThrow(/contacts\.business: must be one of/);
  });

  it('noticeContacts hands out copies: a caller cannot change the policy', () => {
    noticeContacts(policy2024).lines[0]!.phones[0]!.number = 'x';
    expect(policy2024.contacts.lines[0]!.phones[0]!.number).toBe('0431-80767550');
  });
});

describe('结果公示 各职称评审委员会职称评审结束后进行公示: who issues the 公示表', () => {
  const committee = policy2024.committees.find((c) => c.id === 'jl-engineering-intermediate')!;

  it('三（六）结果公示: the committee\'s office issues it with its own objection contact from the policy, never the help-desk line', () => {
    expect(publisherOf(committee)).toEqual({
      issuer: '吉林省工程系列中级职称评审委员会办公室',
      contact: { department: '吉林省工程系列中级职称评审委员会办公室', phones: ['0431-00000002'], address: '' },
      contactsFrom: 'office',
    });
    const office = { name: '吉林省工程系列中级职称评审委员会办公室', phones: ['0431-80000000'], address: '长春市某某路1号', example: false };
    expect(publisherOf({ ...committee, office })).toEqual({
      issuer: office.name,
      contact: { department: office.name, phones: ['0431-80000000'], address: '长春市某某路1号' },
      contactsFrom: 'office',
    });
    const helpDesk = noticeContacts(policy2024).lines.flatMap((l) => l.phones.map((p) => p.number));
    for (const c of policy2024.committees) expect(publisherOf(c).contact.phones.filter((p) => helpDesk.includes(p))).toEqual([]);
  });

  it('三（六）结果公示: every committee of the shipped policy has its office\'s objection contact, marked as an example', () => {
    for (const c of policy2024.committees) expect([c.id, c.office]).toEqual([c.id, { name: expect.stringContaining('办公室'), phones: [expect.stringMatching(/^0431-\d+$/)], example: true }]);
  });

  it('三（六）结果公示: a committee without its office\'s objection contact does not load, and the error names the field', () => {
    const committees = structuredClone(policy2024.committees) as Array<Record<string, unknown>>;
    delete committees[3]!.office;
    expect(() => parsePolicy({ ...policy2024, committees }, 'policy/x.json')).toThrow(/policy\/x\.json: committees\.3\.office: required: the committee's office/);
    const noPhone = structuredClone(policy2024.committees);
    noPhone[1]!.office.phones = [];
    expect(() => parsePolicy({ ...policy2024, committees: noPhone }, 'policy/x.json')).toThrow(/committees\.1\.office\.phones/);
  });

  it('结果公示: the committee is found by id or by the name the flow recorded; an unknown one is none', () => {
    expect(committeeOf(policy2024, { committeeId: 'jl-engineering-intermediate' })).toBe(committee);
    expect(committeeOf(policy2024, { committeeName: '吉林省工程系列中级职称评审委员会' })).toBe(committee);
    expect(committeeOf(policy2024, { committeeName: '某某委员会' })).toBeNull();
  });
});

describe('政策咨询 in the status answer: the office of the current step and the notice\'s lines', () => {
  it('五（五）: the status carries the notice\'s four numbers from the policy, and the office handling the step', () => {
    const contacts = statusContacts(policy2024, { group: 'hr-220106', name: '绿园区人力资源和社会保障局' });
    expect(contacts.helpDesk).toEqual(noticeContacts(policy2024));
    expect(contacts.office).toEqual({ office: 'hr-220106', name: '绿园区人力资源和社会保障局', phones: [], address: null, contactsFrom: 'none' });
    expect(statusContacts(policy2024, null)).toEqual({ office: null, helpDesk: noticeContacts(policy2024) });
  });

  it('三（三）/五（五）: at the provincial HR department (hr-220000) its 业务咨询 line answers', () => {
    expect(officeContact('hr-220000', policy2024, null)).toEqual({ office: 'hr-220000', name: '吉林省人力资源和社会保障厅', phones: ['0431-88690926'], address: null, contactsFrom: 'office' });
  });

  it('三（六）: at a committee, the same office and numbers as its 公示表 (publisherOf)', () => {
    const committee = committeeOf(policy2024, { committeeId: 'jl-engineering-intermediate' })!;
    expect(officeContact('committee-jl-engineering-intermediate', policy2024, null)).toEqual({ office: 'committee-jl-engineering-intermediate', name: committee.office.name, phones: publisherOf(committee).contact.phones, address: null, contactsFrom: 'office' });
    const withOffice = parsePolicy(
      { ...policy2024, committees: policy2024.committees.map((c) => (c.id === committee.id ? { ...c, office: { name: '工程系列中级评委会办公室', phones: ['0431-80000000'], address: '长春市某某路1号', example: true } } : c)) },
      'test',
    );
    expect(officeContact('committee-jl-engineering-intermediate', withOffice, null)).toEqual({ office: 'committee-jl-engineering-intermediate', name: '工程系列中级评委会办公室', phones: ['0431-80000000'], address: '长春市某某路1号', contactsFrom: 'office' });
  });
});
