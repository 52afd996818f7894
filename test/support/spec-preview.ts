// The preview answer printed in SPEC section 9 for the example application of section 8, and the
// kinds of electronic materials it carries (三（一）, 三（二）: its diploma and achievements).
export const SPEC_PREVIEW = {
  eligible: true,
  reasons: [],
  division: { code: '220106', name: '绿园区', level: 'county' },
  applicantDeadline: '2024-02-01T00:00:00+08:00',
  route: [
    { level: 'unit', name: '长春某某科技有限公司', deadline: '2024-02-09T00:00:00+08:00' },
    { level: 'county-hr', divisionCode: '220106', name: '绿园区人力资源和社会保障局', deadline: '2024-03-03T00:00:00+08:00' },
    { level: 'city-hr', divisionCode: '220100', name: '长春市人力资源和社会保障局', deadline: '2024-04-01T00:00:00+08:00' },
    { level: 'province-hr', divisionCode: '220000', name: '吉林省人力资源和社会保障厅', deadline: null },
  ],
  fee: { exempt: false, reason: null, amount: 180, currency: 'CNY', schedule: 'example' },
  requiredMaterials: [
    { kind: 'education', label: '学历（学位）证书' },
    { kind: 'achievements', label: '业绩成果材料' },
  ],
};
