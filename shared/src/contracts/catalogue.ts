// Closed vocabularies of the evaluation contract (docs/spec/evaluation-contract.md).
// Ids are the wire format and never change; names are what users read.

import { normalizeText, textProblem, type TextRules } from '../validation/text';

export const COUNTIES = [
  { id: 'dongchangfu', name: '东昌府区', divisionCode: '371502' },
  { id: 'chiping', name: '茌平区', divisionCode: '371503' },
  { id: 'yanggu', name: '阳谷县', divisionCode: '371521' },
  { id: 'shenxian', name: '莘县', divisionCode: '371522' },
  { id: 'donge', name: '东阿县', divisionCode: '371524' },
  { id: 'guanxian', name: '冠县', divisionCode: '371525' },
  { id: 'gaotang', name: '高唐县', divisionCode: '371526' },
  { id: 'linqing', name: '临清市', divisionCode: '371581' },
  { id: 'etdz', name: '经济技术开发区', divisionCode: null },
  { id: 'hitech', name: '高新技术产业开发区', divisionCode: null },
  { id: 'resort', name: '江北水城旅游度假区', divisionCode: null },
] as const;

export type CountyId = (typeof COUNTIES)[number]['id'];

export const ORG_TYPES = [
  { id: 'ecommerce', name: '电商企业' },
  { id: 'cross-border-ecommerce', name: '跨境电商企业' },
  { id: 'trade-retail', name: '商贸流通企业' },
  { id: 'livestream-ecommerce', name: '直播电商企业' },
  { id: 'livestream-base', name: '直播电商基地（园区）' },
  { id: 'mcn', name: 'MCN机构' },
  { id: 'training-institution', name: '培训机构' },
  { id: 'logistics-center', name: '县域快递物流配送中心' },
  { id: 'logistics-platform', name: '快递物流信息平台' },
  { id: 'express-company', name: '快递物流企业' },
  { id: 'ecommerce-park', name: '电商产业园区' },
  { id: 'supply-chain', name: '供应链企业' },
  { id: 'agency-operation', name: '代运营企业' },
  { id: 'content-production', name: '内容制作企业' },
] as const;

export type OrgType = (typeof ORG_TYPES)[number]['id'];

export const PLATFORMS = [
  { id: 'taobao', name: '淘宝' },
  { id: 'jd', name: '京东' },
  { id: 'pinduoduo', name: '拼多多' },
  { id: 'douyin', name: '抖音' },
  { id: 'kuaishou', name: '快手' },
] as const;

/** A named platform, or `other:NAME` for one the text covers with 等. */
export type PlatformId = (typeof PLATFORMS)[number]['id'] | `other:${string}`;

export const UNIFIED_OPERATIONS = [
  { id: 'warehousing', name: '仓储' },
  { id: 'sorting', name: '分拣' },
  { id: 'transport', name: '运输' },
  { id: 'delivery', name: '配送' },
  { id: 'pickup', name: '揽件' },
] as const;

export type UnifiedOperation = (typeof UNIFIED_OPERATIONS)[number]['id'];

export const PROGRAM_IDS = [
  'leading-enterprise',
  'branch-conversion',
  'livestream-enterprise',
  'livestream-base',
  'talent-hiring',
  'streamer-training',
  'county-logistics-center',
  'express-info-platform',
  'distribution-center',
] as const;

export type ProgramId = (typeof PROGRAM_IDS)[number];

const nameIndex = <T extends { id: string; name: string }>(rows: readonly T[]): ReadonlyMap<string, string> =>
  new Map(rows.map((row) => [row.id, row.name]));

const countyNames = nameIndex(COUNTIES);
const orgTypeNames = nameIndex(ORG_TYPES);
const platformNames = nameIndex(PLATFORMS);
const operationNames = nameIndex(UNIFIED_OPERATIONS);

export const isCountyId = (value: string): value is CountyId => countyNames.has(value);
export const isOrgType = (value: string): value is OrgType => orgTypeNames.has(value);
export const isUnifiedOperation = (value: string): value is UnifiedOperation => operationNames.has(value);
export const isProgramId = (value: string): value is ProgramId => (PROGRAM_IDS as readonly string[]).includes(value);

const OTHER = 'other:';
const OTHER_NAME: TextRules = { max: 40 };
/**
 * A listed platform, or `other:NAME` where NAME is text a person typed: held to the same rules as
 * any other (no controls, no bidi tricks, something visible) and already in its stored form.
 */
export const isPlatformId = (value: string): value is PlatformId => {
  if (platformNames.has(value)) return true;
  if (!value.startsWith(OTHER)) return false;
  const name = value.slice(OTHER.length);
  return textProblem(name, OTHER_NAME) === null && normalizeText(name) === name;
};

export const countyName = (id: CountyId): string => countyNames.get(id) ?? id;
export const orgTypeName = (id: OrgType): string => orgTypeNames.get(id) ?? id;
export const operationName = (id: UnifiedOperation): string => operationNames.get(id) ?? id;
export const platformName = (id: PlatformId): string =>
  platformNames.get(id) ?? (id.startsWith('other:') ? id.slice('other:'.length) : id);
