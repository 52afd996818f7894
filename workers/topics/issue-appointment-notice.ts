// The outcome of post-grade-2-3 (事业单位专业技术二三级岗位评聘（考核）): a post-appointment result
// notice instead of a title certificate, verifiable by its code like a certificate.
import { createIssuer, type IssuerDeps } from './issue-certificate.js';

export const topic = 'issue-appointment-notice';

export const createIssueAppointmentNotice = (deps: IssuerDeps) =>
  createIssuer({ topic, description: 'Issues the post-appointment result notice (二三级岗位评聘结果通知)', kind: 'post-appointment-notice', officeSuffix: 'P' }, deps);
