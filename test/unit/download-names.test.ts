// Downloads are named <document>-<applicant>-<application id>.pdf by the document's Chinese short
// title, with an ASCII fallback name for clients that read no other.
import { applicationDownloadName, asciiOnly, reportDownloadName } from '../../workers/documents/download-names.js';
import { contentDisposition } from '../../workers/http/documents.js';

describe('download names', () => {
  it.each([
    ['review-summary', '一览表-王䶮堃-JL2026-ABCDEFGHJK.pdf', 'review-summary-JL2026-ABCDEFGHJK.pdf'],
    ['unit-publicity-form', '公示表-王䶮堃-JL2026-ABCDEFGHJK.pdf', 'unit-publicity-form-JL2026-ABCDEFGHJK.pdf'],
    ['publicity-form', '结果公示表-王䶮堃-JL2026-ABCDEFGHJK.pdf', 'publicity-form-JL2026-ABCDEFGHJK.pdf'],
    ['certificate', '证书-王䶮堃-JL2026-ABCDEFGHJK.pdf', 'certificate-JL2026-ABCDEFGHJK.pdf'],
    ['appointment-notice', '岗位评聘结果通知书-王䶮堃-JL2026-ABCDEFGHJK.pdf', 'appointment-notice-JL2026-ABCDEFGHJK.pdf'],
  ])('%s: %s', (document, fileName, ascii) => {
    expect(applicationDownloadName(document, '王䶮堃', 'JL2026-ABCDEFGHJK')).toEqual({ fileName, ascii });
  });

  it('keeps rare characters and compound names, and replaces what no file system takes', () => {
    expect(applicationDownloadName('review-summary', '欧阳𠮷', 'JL2026-ABCDEFGHJK').fileName).toBe('一览表-欧阳𠮷-JL2026-ABCDEFGHJK.pdf');
    expect(applicationDownloadName('review-summary', '王/小"明', 'JL2026-ABCDEFGHJK').fileName).toBe('一览表-王_小_明-JL2026-ABCDEFGHJK.pdf');
    expect(applicationDownloadName('review-summary', null, 'JL2026-ABCDEFGHJK').fileName).toBe('一览表-JL2026-ABCDEFGHJK.pdf');
  });

  it('names a committee report by committee and day', () => {
    expect(reportDownloadName('吉林省工程系列中级职称评审委员会', 'jl-engineering-intermediate', '2024-06-18')).toEqual({
      fileName: '评审结果报告-吉林省工程系列中级职称评审委员会-2024-06-18.pdf',
      ascii: 'committee-report-jl-engineering-intermediate-2024-06-18.pdf',
    });
  });

  it('an ASCII name has printable ASCII only, never quotes; nothing left reads document.pdf', () => {
    expect(asciiOnly('一览表-王䶮堃-JL2026-ABCDEFGHJK.pdf')).toBe('JL2026-ABCDEFGHJK.pdf');
    expect(asciiOnly('a"b\\c.pdf')).toBe('a_b_c.pdf');
    expect(asciiOnly('证书.pdf')).toBe('document.pdf');
  });
});

describe('Content-Disposition', () => {
  it('gives the ASCII name in filename= and the Chinese one in filename*=UTF-8\'\'', () => {
    expect(contentDisposition(applicationDownloadName('review-summary', '王䶮堃', 'JL2026-ABCDEFGHJK'))).toBe(
      `inline; filename="review-summary-JL2026-ABCDEFGHJK.pdf"; filename*=UTF-8''${encodeURIComponent('一览表-王䶮堃-JL2026-ABCDEFGHJK.pdf')}`,
    );
  });

  it("percent-encodes ' ( ) * as RFC 5987 asks", () => {
    expect(contentDisposition({ fileName: "a'(b)*.pdf", ascii: 'x.pdf' })).toBe(`inline; filename="x.pdf"; filename*=UTF-8''a%27%28b%29%2A.pdf`);
  });
});
