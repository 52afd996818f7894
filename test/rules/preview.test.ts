// The SPEC's own example, answered key for key.
import { preview } from '../../workers/rules/index.js';
import { SPEC_PREVIEW } from '../support/spec-preview.js';
import { app, at, policy2024 } from './support.js';

it('previews the SPEC section 9 example exactly', () => {
  expect(preview(app(), policy2024, at('2024-01-15T10:00:00'))).toEqual(SPEC_PREVIEW);
});
