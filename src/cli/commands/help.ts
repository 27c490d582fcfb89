// `atlas help`: the usage text.
import type { Lang } from '../../domain/i18n.ts';
import { LAYER_IDS } from '../../domain/layers.ts';

export function usage(lang: Lang): string {
  if (lang === 'zh') {
    return `用法：atlas <命令> [选项]

命令：
  check 文件…              校验 GeoJSON、Shapefile（.zip 或 .shp）、KML/KMZ、CSV、勘测定界 TXT
                           （图层文件另按图层规则校验）。
                           错误每行一条输出到 stdout，警告和汇总输出到 stderr。
  area 文件 [--json]       先校验，再逐个要素输出椭球面积（亩、公顷、m²）。
  overlap A [B] [--json]   先校验，再列出 A 与 B 中共有面积为正的每对要素（只相接的不算；
                           点和线不参与），按 A 的序号再按 B 的序号排序，面积为椭球面积。
                           只给 A 时列出 A 内部的重叠（i < j）。
  share 文件 [--json] [--target 0.8] [--parks 园区文件] [--by year|park|town]
                           新增建设用地投向制造业的占比：制造业 ÷（合计 − 基础设施），
                           与目标比较（✔/✘）；--by 按年份、园区（需 --parks）或镇街分组。
  convert 文件 --to geojson|shp|kml|csv|txt [-o 输出] [--from EPSG:编号] [--encoding gbk|utf-8]
          [--zone EPSG:编号] [--to-encoding utf-8|gbk]
                           格式转换：GeoJSON 输出到 stdout（经纬度，属性名同源文件，顺序不变），
                           其他格式需 -o；shp/txt 的坐标系用 --zone（默认 EPSG:4490 / EPSG:4526）。
  user add 用户名 --role 角色 --password-stdin [--update] [--data-dir 目录]
                           在服务器数据库中创建用户（密码只从标准输入读取）；
                           --update 重设已有用户的角色和密码。
  backup 文件 [--data-dir 目录]
                           服务器运行时也可一致地备份数据库，照片复制到 文件-photos/。
  help                     显示本说明。

选项：
  --layer 名称             按该图层规则校验；名称为 ${LAYER_IDS.join('、')}，
                           或 none 表示普通 GeoJSON。check 默认按文件名推断（plots.geojson → plots）；
                           area、overlap、share 默认只检查几何（share 另需 landUse）。
  --from EPSG:编号         （读取）文件的坐标系，如 EPSG:4526（3 度带 38 带，带号在前）。
  --encoding gbk|utf-8     （读取）文件的文字编码；默认按 .cpg、DBF 语言字节或严格解码判断。
  --lang zh|en             输出语言；默认在 LANG 以 zh 开头时为中文，否则英文。
  --json                   （area、overlap、share）每行输出一个 JSON 对象。
  --target 比例            （share）目标占比，0 < 比例 ≤ 1，默认 0.8。
  --data-dir 目录          （user、backup）服务器数据目录；默认取环境变量 DATA_DIR，否则 ./data。

退出码：0 成功，1 数据无效或操作失败，2 用法错误。`;
  }
  return `Usage: atlas <command> [options]

Commands:
  check FILE…              Validate GeoJSON, Shapefiles (.zip or .shp), KML/KMZ, CSV and survey TXT
                           files (layer files also against their layer's rules).
                           Errors go to stdout, one per line; warnings and a summary to stderr.
  area FILE [--json]       Validate, then print each feature's ellipsoidal area (mu, ha, m²).
  overlap A [B] [--json]   Validate, then list every pair of features of A and B sharing a positive
                           area (touching is not overlapping; points and lines take no part), sorted
                           by A's index then B's, with the ellipsoidal area shared. With A alone,
                           the overlaps within A (i < j).
  share FILE [--json] [--target 0.8] [--parks PARKS] [--by year|park|town]
                           The share of new construction land going to manufacturing:
                           manufacturing ÷ (total − infrastructure), against the target (✔/✘);
                           --by breaks it down by year, park (needs --parks) or town.
  convert FILE --to geojson|shp|kml|csv|txt [-o OUT] [--from EPSG:N] [--encoding gbk|utf-8]
          [--zone EPSG:N] [--to-encoding utf-8|gbk]
                           Convert: GeoJSON to standard output (lon/lat, the source's attribute
                           names, source order); other formats need -o; --zone is the system of a
                           shp or txt (default EPSG:4490 / EPSG:4526).
  user add NAME --role ROLE --password-stdin [--update] [--data-dir DIR]
                           Create a user in the server's database (the password is read from
                           standard input only); --update resets an existing user's role and password.
  backup FILE [--data-dir DIR]
                           A consistent copy of the database, even while the server runs; the photos
                           go to FILE-photos/.
  help                     Show this text.

Options:
  --layer NAME             Check against that layer's rules; NAME is one of
                           ${LAYER_IDS.join(', ')}, or none for plain GeoJSON.
                           check: by default the layer follows the file name (plots.geojson →
                           plots); area, overlap and share check geometry only (share: and landUse).
  --from EPSG:N            (reading) The file's coordinate system, e.g. EPSG:4526 (3° zone 38 with
                           the zone number before the easting).
  --encoding gbk|utf-8     (reading) The file's text encoding; by default from the .cpg, the DBF
                           language byte, or strict decoding.
  --lang zh|en             Output language; default zh when LANG starts with zh, else en.
  --json                   (area, overlap, share) One JSON object per line.
  --target FRACTION        (share) The target share, 0 < FRACTION ≤ 1; default 0.8.
  --data-dir DIR           (user, backup) The server's data directory; default $DATA_DIR, else ./data.

Exit status: 0 fine, 1 invalid data or a failed operation, 2 a usage error.`;
}
