// Office tokens from the environment and the times offices read in their lists.
import { loadConfig } from '../../workers/config.js';
import { shanghaiTime } from '../../workers/offices/labels.js';
import { officeFilterSchema } from '../../workers/offices/queries.js';

describe('OFFICE_TOKENS', () => {
  it('maps each token to its office', () => {
    expect(loadConfig({ OFFICE_TOKENS: 'hr-220100:aaaaaaaaaaaaaaaa, committee-jl-arts:bbbbbbbbbbbbbbbbbb' }).OFFICE_TOKENS).toEqual([
      { office: 'hr-220100', token: 'aaaaaaaaaaaaaaaa' },
      { office: 'committee-jl-arts', token: 'bbbbbbbbbbbbbbbbbb' },
    ]);
    expect(loadConfig({}).OFFICE_TOKENS).toEqual([]);
  });

  it('refuses an entry without an office or with a short token, naming the key and the entry', () => {
    expect(() => loadConfig({ OFFICE_TOKENS: 'hr-220100:short' })).toThrow(/OFFICE_TOKENS: entry 1 must be <office group>:<token of 16 characters or more>/);
    expect(() => loadConfig({ OFFICE_TOKENS: 'hr-220100:aaaaaaaaaaaaaaaa,aaaaaaaaaaaaaaaaaaaa' })).toThrow(/OFFICE_TOKENS: entry 2 /);
  });
});

describe('office lists', () => {
  it('print a deadline at the end of a day as 24:00 of that day, the notice\'s way', () => {
    expect(shanghaiTime(new Date('2024-02-09T00:00:00+08:00'))).toBe('2024-02-08 24:00');
    expect(shanghaiTime(new Date('2024-01-15T10:30:00+08:00'))).toBe('2024-01-15 10:30');
    expect(shanghaiTime(null)).toBe('');
  });

  it('read a due date as 00:00 in Asia/Shanghai and name a bad filter', () => {
    expect(officeFilterSchema.parse({ dueBefore: '2024-02-09' }).dueBefore).toEqual(new Date('2024-02-09T00:00:00+08:00'));
    expect(officeFilterSchema.parse({}).scope).toBe('waiting');
    const bad = officeFilterSchema.safeParse({ dueBefore: 'soon', division: '2201' });
    expect(bad.success ? [] : bad.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).sort()).toEqual([
      'division: must be a six-digit division code',
      'dueBefore: must be a date YYYY-MM-DD or an ISO-8601 instant',
    ]);
  });
});

describe('office API description', () => {
  it('lists the office paths with the filters the lists check', async () => {
    const { openApiDocument } = await import('../../workers/api/openapi.js');
    const paths = openApiDocument('0.0.0').paths as Record<string, { get?: { parameters: Array<{ name: string }> } }>;
    expect(Object.keys(paths).filter((p) => p.startsWith('/api/offices/'))).toHaveLength(6);
    expect(paths['/api/offices/{office}/applications']!.get!.parameters.map((p) => p.name)).toEqual(['office', ...Object.keys(officeFilterSchema.shape), 'page', 'pageSize']);
  });
});
