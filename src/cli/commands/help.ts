// `atlas help`: the usage text.
import { LAYER_IDS } from '../../domain/layers.ts';
import type { Lang } from '../io.ts';

export function usage(lang: Lang): string {
  if (lang === 'zh') {
    return `用法：atlas <命令> [选项]

命令：
  check 文件…          校验 GeoJSON 文件（图层文件另按图层规则校验）。
                       错误每行一条输出到 stdout，警告和汇总输出到 stderr。
                       退出码：0 全部有效，1 有无效文件，2 用法错误。
  area 文件 [--json]   先校验，再逐个要素输出椭球面积（亩、公顷、m²）。
  help                 显示本说明。

选项：
  --layer 名称         按该图层规则校验；名称为 ${LAYER_IDS.join('、')}，
                       或 none 表示普通 GeoJSON。默认按文件名推断（plots.geojson → plots）。
  --lang zh|en         输出语言；默认在 LANG 以 zh 开头时为中文，否则英文。
  --json               （area）每行输出一个 JSON 对象。`;
  }
  return `Usage: atlas <command> [options]

Commands:
  check FILE…          Validate GeoJSON files (layer files also against their layer's rules).
                       Errors go to stdout, one per line; warnings and a summary to stderr.
                       Exit 0 when every file is valid, 1 when any is invalid, 2 on a usage error.
  area FILE [--json]   Validate, then print each feature's ellipsoidal area (mu, ha, m²).
  help                 Show this text.

Options:
  --layer NAME         Check against that layer's rules; NAME is one of
                       ${LAYER_IDS.join(', ')}, or none for plain GeoJSON.
                       By default the layer follows the file name (plots.geojson → plots).
  --lang zh|en         Output language; default zh when LANG starts with zh, else en.
  --json               (area) One JSON object per line.`;
}
