import { describe, expect, it } from 'vitest';
import {
  IMPORT_LAYERS,
  isoDateOf,
  mapFeatures,
  suggestMapping,
  TARGET_PROPERTIES,
} from '../../src/domain/import-mapping.ts';
import { LAYER_PROPERTY_SCHEMAS } from '../../src/domain/schemas.ts';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [112.9, 22.7],
      [112.91, 22.7],
      [112.91, 22.71],
      [112.9, 22.7],
    ],
  ],
};

describe('suggestMapping', () => {
  it('finds pinyin initials, Chinese names, labels and same names, each field once', () => {
    const fields = [
      'DKBH',
      'QYMC',
      '所在镇',
      'dlbm',
      'RJL',
      '建筑密度',
      'MJSS',
      'MJCZ',
      'DJ',
      'DXYY',
      '整治模式',
      'status',
      'BBH',
      'QT',
    ];
    expect(suggestMapping('plots', fields).fields).toEqual({
      id: 'DKBH',
      enterprise: 'QYMC',
      town: '所在镇',
      landUse: 'dlbm',
      far: 'RJL',
      buildingDensity: '建筑密度',
      taxPerMu: 'MJSS',
      outputPerMu: 'MJCZ',
      grade: 'DJ',
      reasons: 'DXYY',
      mode: '整治模式',
      status: 'status',
      version: 'BBH',
    });
  });
});

describe('the required properties agree with the layer schemas', () => {
  it.each(IMPORT_LAYERS)('%s', (layer) => {
    for (const property of TARGET_PROPERTIES[layer]) {
      if (property.name === 'id' || property.name === 'version') continue;
      // A complete sample is not at hand: a required property's absence alone must fail the schema.
      const result = LAYER_PROPERTY_SCHEMAS[layer].safeParse({ id: 'x' });
      const missing = result.success ? [] : result.error.issues.map((issue) => String(issue.path[0]));
      expect(missing.includes(property.name), property.name).toBe(property.required);
    }
  });
});

describe('mapFeatures', () => {
  const mapping = suggestMapping('plots', [
    'DKBH',
    'QYMC',
    'SZZ',
    'DLBM',
    'RJL',
    'JZMD',
    'MJSS',
    'MJCZ',
    'DJ',
    'DXYY',
    'ZZMS',
    'ZT',
    'ZZQX',
    'BBH',
  ]);
  const row = {
    DKBH: 'HS-鹤城-01',
    QYMC: '鹤山市得润电子',
    SZZ: '鹤城镇',
    DLBM: 601,
    RJL: '0.45',
    JZMD: 0.28,
    MJSS: '3.2',
    MJCZ: 120,
    DJ: 'C类',
    DXYY: '容积率低、闲置',
    ZZMS: '工改工',
    ZT: '已认定',
    ZZQX: '2026/3/1',
    BBH: 3,
  };

  it('converts labels, lists, dates, numbers and a 三调 code; keeps the id beside', () => {
    const { features, problems } = mapFeatures(
      'plots',
      [{ properties: row, geometry: square }],
      mapping,
      'sandiao',
    );
    expect(problems).toEqual([]);
    expect(features).toEqual([
      {
        type: 'Feature',
        id: 'HS-鹤城-01',
        geometry: square,
        properties: {
          id: 'HS-鹤城-01',
          enterprise: '鹤山市得润电子',
          town: '鹤城镇',
          landUse: '1001',
          far: 0.45,
          buildingDensity: 0.28,
          taxPerMu: 3.2,
          outputPerMu: 120,
          grade: 'C',
          reasons: ['low-far', 'idle'],
          mode: 'redevelopment',
          status: 'identified',
          deadline: '2026-03-01',
          version: 3,
        },
      },
    ]);
  });

  it('names the feature, the field and the value it cannot convert, and leaves that feature out', () => {
    const { features, problems } = mapFeatures(
      'plots',
      [{ properties: { ...row, RJL: '约0.5', ZZQX: '2026-02-30' }, geometry: square }],
      mapping,
      'current',
    );
    expect(features).toEqual([]);
    expect(problems.map((problem) => [problem.feature, problem.property, problem.message.zh])).toEqual([
      [0, 'far', '字段 RJL：“约0.5”不是数字。'],
      [0, 'deadline', '字段 ZZQX：“2026-02-30”不是日期（应为 2026-03-01）。'],
    ]);
  });

  it('uses a default for an empty or unmapped field, and refuses a required property with neither', () => {
    const without = { fields: { ...mapping.fields }, defaults: {} as Record<string, string> };
    delete without.fields.status;
    expect(
      mapFeatures('plots', [{ properties: row, geometry: square }], without, 'current').problems,
    ).toEqual([
      {
        feature: null,
        property: 'status',
        message: {
          zh: '必填属性“整治状态”（status）没有对应字段，也没有默认值。',
          en: 'the required property status has no field and no default value.',
        },
      },
    ]);
    without.defaults.status = '整治中';
    const { features } = mapFeatures('plots', [{ properties: row, geometry: square }], without, 'current');
    expect(features[0]?.properties.status).toBe('rectifying');
    expect(features[0]?.properties.landUse).toBe('0601');
  });

  it('refuses a repeated id, naming the first', () => {
    const { features, problems } = mapFeatures(
      'plots',
      [
        { properties: row, geometry: square },
        { properties: row, geometry: square },
      ],
      mapping,
      'current',
    );
    expect(features).toHaveLength(1);
    expect(problems[0]?.message.zh).toBe('编号 HS-鹤城-01 与要素 0 重复。');
  });
});

describe('isoDateOf', () => {
  it.each([
    ['2026-03-01', '2026-03-01'],
    ['2026/3/1', '2026-03-01'],
    ['2026年3月1日', '2026-03-01'],
    ['20260301', '2026-03-01'],
    ['2026-02-29', null],
    ['next week', null],
  ])('%s → %s', (raw, iso) => expect(isoDateOf(raw)).toBe(iso));
});
