// What a downloaded PDF is called: `<document>-<applicant>-<application id>.pdf`
// (一览表-王䶮堃-JL2026-ABCDEFGHJK.pdf), by the document's Chinese short title, so that a folder of
// downloads says what each file is and whose; an ASCII name for clients that read no other.
import type { TemplateName } from './templates.js';

/** Each document's short title in file names. */
export const DOCUMENT_SHORT_TITLES: Record<TemplateName, string> = {
  'review-summary': '一览表',
  'unit-publicity-form': '公示表',
  'publicity-form': '结果公示表',
  certificate: '证书',
  'appointment-notice': '岗位评聘结果通知书',
  'committee-report': '评审结果报告',
};

/** A download's name, and the ASCII name of the `filename=` fallback. */
export interface DownloadName {
  fileName: string;
  ascii: string;
}

/** Characters no file name of any system takes, and controls: each becomes `_`. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

const part = (text: string) => text.trim().replace(UNSAFE, '_');

/** `<document>-<applicant>-<application id>.pdf`, and `<document id>-<application id>.pdf` in ASCII. */
export function applicationDownloadName(document: string, applicantName: string | null | undefined, applicationId: string): DownloadName {
  const title = (DOCUMENT_SHORT_TITLES as Record<string, string>)[document] ?? document;
  const id = part(applicationId);
  const who = applicantName ? part(applicantName) : '';
  return { fileName: who ? `${title}-${who}-${id}.pdf` : `${title}-${id}.pdf`, ascii: asciiOnly(`${document}-${id}.pdf`) };
}

/** `评审结果报告-<committee>-<date>.pdf`, and `committee-report-<committee id>-<date>.pdf` in ASCII. */
export function reportDownloadName(committeeName: string, committeeId: string, date: string): DownloadName {
  return { fileName: `${DOCUMENT_SHORT_TITLES['committee-report']}-${part(committeeName)}-${part(date)}.pdf`, ascii: asciiOnly(`committee-report-${committeeId}-${date}.pdf`) };
}

/** A name of printable ASCII without quotes or backslashes (what a quoted `filename=` may hold). */
export function asciiOnly(name: string): string {
  // What the Chinese parts leave behind (一览表-王䶮堃-JL2026-…: --JL2026-…) is dropped with them.
  const ascii = name
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '_')
    .replace(/-{2,}/g, '-')
    .replace(/^[\s\-_]+/, '')
    .trim();
  return /^[^.\s]/.test(ascii) ? ascii : 'document.pdf';
}
