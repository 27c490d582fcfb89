// The second opinion on structure: `geojson-validation` (gjv) checks each feature our own walk passed,
// and its English messages are turned into our bilingual ones. It has never found anything our walk
// missed on the peer fixtures; it stays as a guard should the walk ever let something through.

import gjv from 'geojson-validation';
import type { Bilingual } from '../domain/i18n.ts';

const TRANSLATIONS: [RegExp, (match: RegExpMatchArray) => Bilingual][] = [
  [/^must be a JSON Object$/, () => ({ zh: '应为 JSON 对象', en: 'must be a JSON object' })],
  [
    /^must have a member with the name "(\w+)"$/i,
    (m) => ({ zh: `缺少 "${m[1]}" 成员`, en: `the "${m[1]}" member is missing` }),
  ],
  [/^type must be "(\w+)"$/, (m) => ({ zh: `类型应为 "${m[1]}"`, en: `the type must be "${m[1]}"` })],
  [/^type must be one of/, () => ({ zh: '类型不是 GeoJSON 类型', en: 'the type is not a GeoJSON type' })],
  [/^Position must be an array$/, () => ({ zh: '坐标点应为数组', en: 'a position must be an array' })],
  [
    /^Position must be at least two elements$/,
    () => ({ zh: '坐标点至少需要两个数字', en: 'a position needs at least two numbers' }),
  ],
  [
    /^Position must only contain numbers/,
    () => ({ zh: '坐标只能是数字', en: 'coordinates must be numbers' }),
  ],
  [
    /^coordinates must be an array$/,
    () => ({ zh: 'coordinates 应为数组', en: 'coordinates must be an array' }),
  ],
  [
    /^coordinates must have at least (\w+)/,
    (m) => ({ zh: `坐标点数量不足（至少 ${m[1]} 个）`, en: `too few positions (at least ${m[1]})` }),
  ],
  [
    /^The first and last positions must be equivalent$/,
    () => ({ zh: '环的首末点应相同', en: 'a ring must end where it starts' }),
  ],
  [/^bbox/, () => ({ zh: 'bbox 应为 4 或 6 个数字的数组', en: 'bbox must be an array of 4 or 6 numbers' })],
  [/^"(\w+)" must be an array$/, (m) => ({ zh: `"${m[1]}" 应为数组`, en: `"${m[1]}" must be an array` })],
];

function translate(raw: string): Bilingual {
  // gjv prefixes a location as a chain of `at N: `, each N an index into the enclosing array.
  const path: string[] = [];
  let text = raw;
  for (let m = /^at (\d+): /.exec(text); m; m = /^at (\d+): /.exec(text)) {
    path.push(`[${m[1]}]`);
    text = text.slice(m[0].length);
  }
  const where = path.length > 0 ? `${path.join('')}: ` : '';
  for (const [pattern, build] of TRANSLATIONS) {
    const match = text.match(pattern);
    if (match) {
      const message = build(match);
      return {
        zh: `${where}GeoJSON 结构错误：${message.zh}。`,
        en: `${where}GeoJSON structure error: ${message.en}.`,
      };
    }
  }
  return { zh: `${where}GeoJSON 结构错误（${text}）。`, en: `${where}GeoJSON structure error: ${text}.` };
}

/** Reports each problem gjv finds in a feature or a bare geometry. gjv throwing counts as nothing found. */
export function crossCheckWithGjv(
  value: unknown,
  kind: 'feature' | 'geometry',
  report: (message: Bilingual) => void,
): void {
  let found: string[];
  try {
    found = kind === 'feature' ? gjv.isFeature(value, true) : gjv.isGeometryObject(value, true);
  } catch {
    return;
  }
  for (const raw of found.slice(0, 3)) report(translate(raw));
}
