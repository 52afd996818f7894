// GET /api/certificates/{code} from a browser (Accept prefers text/html): the page a certificate's QR
// code opens, in Chinese, with the holder's name masked and no identifier; JSON for other clients.
import { createHash } from 'node:crypto';
import { certificatePages, type CertificatePages } from '../support/certificate-page.js';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
let pages: CertificatePages;
let base: string;
const open = async (code: string, headers: Record<string, string> = HTML) => {
  const res = await fetch(`${base}/api/certificates/${code}`, { headers });
  return { res, body: await res.text() };
};

beforeAll(async () => {
  pages = await certificatePages();
  base = pages.serving.base;
}, 60_000);
afterAll(() => pages?.close());

describe('the verification page', () => {
  it('有效: a valid certificate shows its title, series, specialty, level label, number, committee and date, the holder masked', async () => {
    const { res, body } = await open(pages.valid);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers.get('vary')).toMatch(/Accept/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(body).toContain('<strong>有效</strong>');
    expect(body).toContain('王*堃');
    for (const text of ['工程师', '<dd>工程</dd>', '计算机应用', '<dd>中级</dd>', '吉林省工程系列中级职称评审委员会', '吉林省人力资源和社会保障厅', '2024年7月5日', pages.valid]) expect(body).toContain(text);
    expect(body).toMatch(/2024-C\w+-000001/);
    // Never the full name, the ID number (whole or masked), or a level code.
    expect(body).not.toContain('王䶮堃');
    expect(body).not.toContain('䶮');
    expect(body).not.toContain('220102');
    expect(body).not.toContain('1234');
    // What a reader sees: labels, never codes.
    expect(body.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]*>/g, ' ')).not.toMatch(/intermediate|valid|revoked|certificate/);
  });

  it('已撤销: a revoked certificate says so with the day it was revoked (+08:00)', async () => {
    const { res, body } = await open(pages.revoked);
    expect(res.status).toBe(200);
    expect(body).toContain('<strong>已撤销</strong>');
    expect(body).toContain('该证书已于2027年3月2日撤销');
    expect(body).toContain('欧阳**');
    expect(body).not.toContain('欧阳娜娜');
    expect(body).not.toContain('220102');
  });

  it('未查询到该证书: an unknown code is 404 with a page that says what to check', async () => {
    const { res, body } = await open('ABCDEFGHJKMNPQRSTUVW');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(body).toContain('未查询到该证书');
    expect(body).toContain('请核对验证码');
    const malformed = await open('not-a-code%3Cb%3E');
    expect(malformed.res.status).toBe(400);
    expect(malformed.body).toContain('未查询到该证书');
    expect(malformed.body).toContain('NOT-A-CODE&lt;B&gt;');
  });

  it('escapes what applicants typed', async () => {
    const { body } = await open(pages.marked);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toContain('<script>');
    expect(body).toContain('李**');
  });

  it('loads nothing from outside: a CSP that allows only its own style block, by hash', async () => {
    const { res, body } = await open(pages.valid);
    const csp = res.headers.get('content-security-policy')!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(body)![1]!;
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(csp).toContain("default-src 'none'");
    expect(body).not.toMatch(/<(script|link|img|iframe)\b|https?:\/\//);
  });

  it('JSON stays for other clients, as before', async () => {
    const { res, body } = await open(pages.valid, { accept: 'application/json' });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(body)).toMatchObject({ status: 'valid', title: '工程 计算机应用', level: 'intermediate', issuedOn: '2024-07-05', holder: { idNumber: '220102********1234' } });
    expect(JSON.parse((await open(pages.revoked, {})).body)).toMatchObject({ status: 'revoked', revokedOn: '2027-03-02' });
    expect((await open('ABCDEFGHJKMNPQRSTUVW', {})).res.headers.get('content-type')).toMatch(/json/);
  });
});

describe('the rate limit', () => {
  it('applies to the page as to the JSON', async () => {
    const limited = await certificatePages({ rateLimits: { portal: 1000, public: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${limited.serving.base}/api/certificates/${limited.valid}`, { headers: HTML })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  }, 60_000);
});
