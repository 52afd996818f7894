// SPEC 2.3, 2.4: each level reviews what the levels below it decided. The record is read from the
// registry's decision events and shown in the forms; the 一览表 prints the unit's approval (三（二）).
import { levelOpinion, OPINION_CHARS, reviewDecisions, reviewRecordText } from '../../workers/domain/review-record.js';
import { createRouteNextLevel } from '../../workers/topics/route-next-level.js';
import { createHandlerContext } from '../support/handler-context.js';
import { packageCalendar } from '../../workers/rules/index.js';

const at = (iso: string) => new Date(iso);
const events = [
  { kind: 'step-opened', step: 'unit-review-task', level: 'unit', step_name: '单位审核', decision: null, comment: null, at: at('2027-01-04T01:00:00Z'), data: null },
  { kind: 'decision', step: 'unit-review-task', level: 'unit', step_name: '单位审核', decision: 'return', comment: '学历证书不清晰', at: at('2027-01-04T02:00:00Z'), data: { panel: ['王一', '李二', '赵三'], supervisor: '周四', fields: ['applicant.education'] } },
  { kind: 'corrected', step: 'await-correction', level: 'unit', step_name: '补正', decision: null, comment: '已补充', at: at('2027-01-05T02:00:00Z'), data: {} },
  { kind: 'decision', step: 'unit-review-task', level: 'unit', step_name: '单位审核', decision: 'approve', comment: null, at: at('2027-01-06T02:00:00Z'), data: { panel: ['王一', '李二', '赵三'], supervisor: '周四' } },
  { kind: 'decision', step: 'level-review-task', level: 'county-hr', step_name: '县级人社部门审核', decision: 'approve', comment: '材料齐全 [见附件](javascript:alert(1))', at: at('2027-01-08T02:00:00Z'), data: { officeName: '绿园区人社局' } },
  { kind: 'decision', step: 'assign-committee-task', level: null, step_name: '指定评审委员会', decision: 'assign', comment: null, at: at('2027-01-09T02:00:00Z'), data: {} },
];

describe('SPEC 2.4: the review record every later level reads', () => {
  it('keeps the unit\'s and the levels\' decisions, oldest first, with panel, supervisor and comment, dated in Asia/Shanghai', () => {
    const record = reviewDecisions(events);
    expect(record.map((d) => [d.step, d.decision])).toEqual([
      ['unit-review-task', 'return'],
      ['unit-review-task', 'approve'],
      ['level-review-task', 'approve'],
    ]);
    expect(record[0]).toMatchObject({ panel: ['王一', '李二', '赵三'], supervisor: '周四', comment: '学历证书不清晰', at: '2027-01-04T10:00:00+08:00' });
    expect(record[2]).toMatchObject({ officeName: '绿园区人社局' });
  });

  it('shows it in the forms as Markdown lines whose typed text cannot become a link', () => {
    const text = reviewRecordText(reviewDecisions(events))!;
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain('2027年1月4日 单位审核：退回补正。审核小组：王一、李二、赵三；纪检监督：周四。意见：学历证书不清晰');
    expect(text).toContain('县级人社部门审核（绿园区人社局）：同意');
    expect(text).toContain('\\[见附件\\]\\(javascript:alert\\(1\\)\\)');
    expect(reviewRecordText([])).toBeNull();
  });

  it('三（二）: the 一览表\'s 单位推荐意见 is the unit\'s last approval with its panel and day, cut to what its box holds', () => {
    const record = reviewDecisions(events);
    expect(levelOpinion(record, (d) => d.step === 'unit-review-task')).toEqual({ text: '经审核，同意推荐。审核小组：王一、李二、赵三；纪检监督：周四。', on: '2027-01-06T10:00:00+08:00' });
    expect(levelOpinion(record.slice(0, 1), (d) => d.step === 'unit-review-task')).toBeNull();
    const long = reviewDecisions([{ ...events[3]!, comment: '很'.repeat(200) }]);
    const opinion = levelOpinion(long, (d) => d.step === 'unit-review-task')!;
    expect([...opinion.text]).toHaveLength(OPINION_CHARS);
    expect(opinion.text.endsWith('…')).toBe(true);
  });

  it('route-next-level gives the level its record and where an approval goes: the next office, or 省人社厅 at the top', async () => {
    const handler = createRouteNextLevel({ policies: { calendar: packageCalendar } });
    const route = [
      { level: 'unit' as const, name: '长春某某科技有限公司', deadline: '2027-02-08T00:00:00+08:00' },
      { level: 'county-hr' as const, name: '绿园区人社局', divisionCode: '220106', deadline: '2027-02-28T00:00:00+08:00' },
      { level: 'city-hr' as const, name: '长春市人社局', divisionCode: '220100', deadline: '2027-03-10T00:00:00+08:00' },
      { level: 'province-hr' as const, name: '吉林省人社厅', divisionCode: '220000', deadline: null },
    ];
    const record = reviewDecisions(events).slice(0, 2);
    const county = await handler.handle({ route, reviewLevelIndex: null, reviewRecord: record }, createHandlerContext());
    expect(county).toMatchObject({ kind: 'complete', variables: { reviewLevel: 'county-hr', reviewNextText: '审核通过后报送长春市人社局', reviewRecordText: reviewRecordText(record) } });
    const city = await handler.handle({ route, reviewLevelIndex: 1, reviewRecord: record }, createHandlerContext());
    expect(city).toMatchObject({ kind: 'complete', variables: { reviewLevel: 'city-hr', reviewNextText: '审核通过后报送省人社厅，由其指定评审委员会评审' } });
    const done = await handler.handle({ route, reviewLevelIndex: 2, reviewRecord: record }, createHandlerContext());
    expect(done).toMatchObject({ kind: 'complete', variables: { hasNextLevel: false, reviewNextText: null, reviewRecordText: reviewRecordText(record) } });
  });
});
