import { creditCodeProblem, mask, maskName, maskPhone, redactText, residentIdProblem } from '../../workers/domain/identifiers.js';
import { createLogger } from '../../workers/log.js';

describe('SPEC 8: resident ID number (GB 11643)', () => {
  it.each([
    ['220102198001011234', null],
    ['11010519491231002X', null],
  ])('accepts %s', (id, problem) => expect(residentIdProblem(id)).toBe(problem));

  it.each([
    ['220102198001011235', /check digit/],
    ['22010219800101123', /18 characters/],
    ['220102198002301234', /birth date/],
    ['22010219800101123x', /18 characters/],
  ])('refuses %s', (id, problem) => expect(residentIdProblem(id)).toMatch(problem));
});

describe('unified social credit code (GB 32100)', () => {
  it('accepts a valid code', () => expect(creditCodeProblem('91220106MA0Y5K8Q7H')).toBeNull());
  it('refuses a wrong check character', () => expect(creditCodeProblem('91220106MA0Y5K8Q7J')).toMatch(/check character/));
  it('refuses letters the standard excludes', () => expect(creditCodeProblem('91220106MA0Y5K8QIH')).toMatch(/without I, O, S, V, Z/));
});

describe('SPEC 8: masking', () => {
  it('masks the middle', () => {
    expect(mask('220102198001011234')).toBe('220102********1234');
    expect(maskPhone('13800000000')).toBe('138****0000');
  });
  it('masks identifiers inside free text', () => {
    expect(redactText('id 220102198001011234 and code 91220106MA0Y5K8Q7H.')).toBe('id 220102********1234 and code 912201********Q7H.'.replace('912201********Q7H', '912201********8Q7H'));
  });
});

describe('masking a name on public pages', () => {
  it.each([
    ['王䶮堃', '王*堃'],
    ['张三', '张*'],
    ['欧阳娜娜', '欧阳**'],
    ['欧阳修', '欧阳*'],
    ['司马相如', '司马**'],
    ['上官婉儿', '上官**'],
    ['诸葛亮', '诸葛*'],
    ['䶮堃', '䶮*'],
    ['𠮷野家', '𠮷*家'],
    ['李𠮷', '李*'],
    ['王小明明', '王**明'],
    ['阿依古丽·买买提', '阿******提'],
    ['欧阳', '欧*'],
    ['王', '*'],
  ])('%s reads %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it('counts rare characters as one character each, never half a surrogate pair', () => {
    expect(Array.from(maskName('𠮷𠮷𠮷'))).toEqual(['𠮷', '*', '𠮷']);
    expect(maskName('王䶮堃')).not.toContain('䶮');
  });
});

describe('logger', () => {
  it('never writes a full ID number or credit code, whatever the field or message', () => {
    const out: string[] = [];
    const log = createLogger('info', { write: (s: string) => void out.push(s) });
    log.info({ application: { applicant: { idNumber: '220102198001011234' }, unit: { creditCode: '91220106MA0Y5K8Q7H' } } }, 'submitted');
    log.info({ note: 'holder 220102198001011234' }, 'free text 91220106MA0Y5K8Q7H');
    log.error({ err: new Error('bad id 220102198001011234') }, 'failed');
    const text = out.join('\n');
    expect(out).toHaveLength(3);
    expect(text).not.toContain('220102198001011234');
    expect(text).not.toContain('91220106MA0Y5K8Q7H');
    expect(text).toContain('submitted');
  });
});
