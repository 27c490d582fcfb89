import { describe, expect, it } from 'vitest';
import { LAYER_LABELS, propertyLabel, valueLabel } from '../../src/domain/labels.ts';
import {
  isStatusBackwards,
  LAYER_IDS,
  LOW_EFFICIENCY_REASONS,
  PLOT_STATUSES,
  PROJECT_STAGES,
  RECTIFICATION_MODES,
} from '../../src/domain/layers.ts';
import { plotProperties, projectProperties } from '../../src/domain/schemas.ts';

describe('labels', () => {
  it('names every status, mode, stage and reason in both languages', () => {
    expect(PLOT_STATUSES.map((status) => valueLabel('status', status, 'zh'))).toEqual([
      '已认定',
      '已核查',
      '整治中',
      '已完成',
    ]);
    expect(valueLabel('status', 'identified', 'en')).toBe('Identified');
    expect(RECTIFICATION_MODES.map((mode) => valueLabel('mode', mode, 'zh'))).toEqual([
      '自我提升',
      '拓展合作',
      '收购收储',
      '工改工',
    ]);
    expect(PROJECT_STAGES.map((stage) => valueLabel('stage', stage, 'zh'))).toEqual([
      '签约',
      '挂网',
      '交地',
      '动工',
      '投产',
      '入库',
    ]);
    expect(LOW_EFFICIENCY_REASONS.map((reason) => valueLabel('reasons', reason, 'zh'))).toEqual([
      '容积率低',
      '建筑密度低',
      '亩均税收低',
      '闲置',
      '停产',
      '逾期未开工或竣工',
      '淘汰类产业',
    ]);
    for (const reason of LOW_EFFICIENCY_REASONS) expect(valueLabel('reasons', reason, 'en')).not.toBe(reason);
  });

  it('labels every property of the plot and project schemas', () => {
    for (const name of [...Object.keys(plotProperties.shape), ...Object.keys(projectProperties.shape)]) {
      expect(propertyLabel(name, 'zh'), name).not.toBe(name);
      expect(propertyLabel(name, 'en'), name).not.toBe(name);
    }
  });

  it('names every layer', () => {
    for (const layer of LAYER_IDS) expect(LAYER_LABELS[layer].zh).toMatch(/\p{Script=Han}/u);
  });

  it('shows unknown names and values as they are', () => {
    expect(propertyLabel('surveyor', 'zh')).toBe('surveyor');
    expect(valueLabel('status', 'archived', 'en')).toBe('archived');
  });
});

describe('isStatusBackwards', () => {
  it('is true only for a step back along 已认定 → 已核查 → 整治中 → 已完成', () => {
    expect(isStatusBackwards('rectifying', 'inspected')).toBe(true);
    expect(isStatusBackwards('completed', 'identified')).toBe(true);
    expect(isStatusBackwards('inspected', 'rectifying')).toBe(false);
    expect(isStatusBackwards('rectifying', 'rectifying')).toBe(false);
    expect(isStatusBackwards('unknown', 'identified')).toBe(false);
  });
});
