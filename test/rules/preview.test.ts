// The preview: the SPEC's own example answered key for key, and the same shape when refused.
import { preview } from '../../workers/rules/index.js';
import { SPEC_PREVIEW } from '../support/spec-preview.js';
import { app, at, policy2024 } from './support.js';

it('previews the SPEC section 9 example exactly', () => {
  expect(preview(app(), policy2024, at('2024-01-15T10:00:00'))).toEqual(SPEC_PREVIEW);
  expect(Object.keys(preview(app(), policy2024, at('2024-01-15T10:00:00')))).toEqual(Object.keys(SPEC_PREVIEW));
});

it('keeps the shape when the rules refuse: reasons, and no division or route where there is none', () => {
  const refused = preview(app({ unit: { registrationAuthority: '北京市海淀区市场监督管理局' } }), policy2024, at('2024-01-15T10:00:00'));
  expect(refused).toEqual({
    eligible: false,
    reasons: [{ rule: 'division.outside-province', field: 'unit.registrationAuthority', message: expect.any(String) }],
    division: null,
    applicantDeadline: '2024-02-01T00:00:00+08:00',
    route: [],
    fee: SPEC_PREVIEW.fee,
    requiredMaterials: SPEC_PREVIEW.requiredMaterials,
  });
});

it('dates the preview by the time given, not by the application', () => {
  const late = preview(app(), policy2024, at('2024-02-01T00:00:00'));
  expect(late).toMatchObject({ eligible: false, reasons: [{ rule: 'window.closed' }], route: SPEC_PREVIEW.route });
  const g = preview(app({ category: 'grassroots-3010' }), policy2024, at('2024-05-03T09:00:00'));
  expect(g.applicantDeadline).toBe('2024-05-26T00:00:00+08:00');
  expect(g.route.map((s) => s.deadline)).toEqual(['2024-05-26T00:00:00+08:00', '2024-05-26T00:00:00+08:00', '2024-05-26T00:00:00+08:00', null]);
});
