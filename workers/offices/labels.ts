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

const OFFSET_MS = 8 * 3600_000;

/** `2024-02-08 24:00` for the instant 2024-02-09T00:00+08:00 (the notice's way), else `YYYY-MM-DD HH:mm`. */
export function shanghaiTime(at: Date | null): string {
  if (!at) return '';
  const local = new Date(at.getTime() + OFFSET_MS);
  const iso = local.toISOString();
  if (iso.slice(11, 16) === '00:00') {
    const previous = new Date(local.getTime() - 86_400_000).toISOString();
    return `${previous.slice(0, 10)} 24:00`;
  }
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
