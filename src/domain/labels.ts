// Chinese and English labels of layers, property names and vocabulary values, so the inspector, the
// legend and the search list name things the way land-resources staff do (PRODUCT.md).
import type { Bilingual, Lang } from './i18n.ts';
import type { LayerId } from './layers.ts';

export const LAYER_LABELS: Record<LayerId, Bilingual> = {
  boundary: { zh: '行政边界', en: 'Boundary' },
  parks: { zh: '产业园区', en: 'Industrial parks' },
  plots: { zh: '低效工业用地', en: 'Low-efficiency plots' },
  projects: { zh: '重点项目', en: 'Key projects' },
  newland: { zh: '新增建设用地', en: 'New construction land' },
  zones: { zh: '改造片区', en: 'Redevelopment zones' },
};

export const PROPERTY_LABELS: Record<string, Bilingual> = {
  id: { zh: '编号', en: 'ID' },
  name: { zh: '名称', en: 'Name' },
  kind: { zh: '类型', en: 'Kind' },
  leadIndustries: { zh: '主导产业', en: 'Lead industries' },
  plannedAreaHa: { zh: '规划面积', en: 'Planned area' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  town: { zh: '镇街', en: 'Town' },
  landUse: { zh: '用地类型', en: 'Land use' },
  far: { zh: '容积率', en: 'Floor-area ratio' },
  buildingDensity: { zh: '建筑密度', en: 'Building density' },
  taxPerMu: { zh: '亩均税收', en: 'Tax per mu' },
  outputPerMu: { zh: '亩均产值', en: 'Output per mu' },
  grade: { zh: '亩均评价等级', en: 'Per-mu grade' },
  reasons: { zh: '低效原因', en: 'Low-efficiency reasons' },
  mode: { zh: '整治模式', en: 'Rectification mode' },
  status: { zh: '整治状态', en: 'Status' },
  deadline: { zh: '整治期限', en: 'Deadline' },
  industry: { zh: '行业', en: 'Industry' },
  parkId: { zh: '所属园区', en: 'Park' },
  investmentPlanned: { zh: '计划投资', en: 'Planned investment' },
  investmentCompleted: { zh: '完成投资', en: 'Completed investment' },
  stage: { zh: '项目阶段', en: 'Stage' },
  signedOn: { zh: '签约日期', en: 'Signed on' },
  listedOn: { zh: '挂网日期', en: 'Listed on' },
  deliveredOn: { zh: '交地日期', en: 'Delivered on' },
  startedOn: { zh: '动工日期', en: 'Started on' },
  producingOn: { zh: '投产日期', en: 'Producing since' },
  registeredOn: { zh: '入库日期', en: 'Registered on' },
  signedPlanned: { zh: '计划签约', en: 'Signing planned' },
  listedPlanned: { zh: '计划挂网', en: 'Listing planned' },
  deliveredPlanned: { zh: '计划交地', en: 'Delivery planned' },
  startedPlanned: { zh: '计划动工', en: 'Start planned' },
  producingPlanned: { zh: '计划投产', en: 'Production planned' },
  registeredPlanned: { zh: '计划入库', en: 'Registration planned' },
  idleSince: { zh: '闲置起始', en: 'Idle since' },
  year: { zh: '年度', en: 'Year' },
  supply: { zh: '供地方式', en: 'Supply' },
  plannedLandUse: { zh: '规划用途', en: 'Planned land use' },
  notes: { zh: '备注', en: 'Notes' },
  createdBy: { zh: '创建人', en: 'Created by' },
  version: { zh: '版本', en: 'Version' },
};

const VALUE_LABELS: Record<string, Record<string, Bilingual>> = {
  status: {
    identified: { zh: '已认定', en: 'Identified' },
    inspected: { zh: '已核查', en: 'Inspected' },
    rectifying: { zh: '整治中', en: 'Rectifying' },
    completed: { zh: '已完成', en: 'Completed' },
  },
  mode: {
    'self-upgrade': { zh: '自我提升', en: 'Self-upgrade' },
    cooperation: { zh: '拓展合作', en: 'Cooperation' },
    acquisition: { zh: '收购收储', en: 'Acquisition' },
    redevelopment: { zh: '工改工', en: 'Industrial redevelopment' },
  },
  stage: {
    signed: { zh: '签约', en: 'Signed' },
    listed: { zh: '挂网', en: 'Listed' },
    delivered: { zh: '交地', en: 'Delivered' },
    started: { zh: '动工', en: 'Started' },
    producing: { zh: '投产', en: 'Producing' },
    registered: { zh: '入库', en: 'Registered' },
  },
  reasons: {
    'low-far': { zh: '容积率低', en: 'Low floor-area ratio' },
    'low-density': { zh: '建筑密度低', en: 'Low building density' },
    'low-tax': { zh: '亩均税收低', en: 'Low tax per mu' },
    idle: { zh: '闲置', en: 'Idle' },
    stopped: { zh: '停产', en: 'Production stopped' },
    overdue: { zh: '逾期未开工或竣工', en: 'Overdue start or completion' },
    'eliminated-industry': { zh: '淘汰类产业', en: 'Eliminated industry' },
  },
  supply: {
    transfer: { zh: '出让', en: 'Transfer' },
    allocation: { zh: '划拨', en: 'Allocation' },
  },
  grade: {
    A: { zh: 'A类', en: 'Class A' },
    B: { zh: 'B类', en: 'Class B' },
    C: { zh: 'C类', en: 'Class C' },
    D: { zh: 'D类', en: 'Class D' },
  },
};

/** `far` → 容积率; an unknown name is shown as it is. */
export function propertyLabel(name: string, lang: Lang): string {
  return PROPERTY_LABELS[name]?.[lang] ?? name;
}

/** `status`, `rectifying` → 整治中; a value outside the vocabulary is shown as it is. */
export function valueLabel(property: string, value: string, lang: Lang): string {
  return VALUE_LABELS[property]?.[value]?.[lang] ?? value;
}

export function layerLabel(layer: LayerId, lang: Lang): string {
  return LAYER_LABELS[layer][lang];
}
