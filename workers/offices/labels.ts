// Chinese labels of what an office's lists and workbooks print.

export { LEVEL_LABELS } from '../domain/application.js';

/** Application states (README, "Flows, offices and deadlines") as offices call them. */
export const STATE_LABELS: Record<string, string> = {
  starting: '已受理',
  submitted: '已提交',
  'in-review': '审核中',
  returned: '退回补正',
  'in-unit-publicity': '单位公示中',
  'awaiting-payment': '待缴费',
  'in-publicity': '结果公示中',
  refused: '不符合申报条件',
  rejected: '审核不通过',
  withdrawn: '视为放弃',
  failed: '评审未通过',
  revoked: '已撤销',
  certified: '已发证',
  appointed: '已聘任',
};
