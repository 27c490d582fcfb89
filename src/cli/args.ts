// Parsing `atlas` arguments: options may come before or after the files; `--name value` or `--name=value`.
import type { Lang } from '../domain/i18n.ts';
import { isLayerId, LAYER_IDS, type LayerId } from '../domain/layers.ts';
import { defaultLang, UsageError } from './io.ts';

export interface ParsedArgs {
  files: string[];
  lang: Lang;
  /** undefined: guess from the file name; null (`--layer none`): generic GeoJSON. */
  layer: LayerId | null | undefined;
  json: boolean;
  help: boolean;
  /** Every other option that takes a value, by name (`--target 0.8` → target: '0.8'). */
  values: Record<string, string>;
}

/** `allowed` names the options the command takes, e.g. ['lang', 'layer']. */
export function parseArgs(
  args: readonly string[],
  allowed: readonly string[],
  env = process.env,
): ParsedArgs {
  const parsed: ParsedArgs = {
    files: [],
    lang: defaultLang(env),
    layer: undefined,
    json: false,
    help: false,
    values: {},
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      parsed.files.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      parsed.help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.files.push(arg);
      continue;
    }
    const [rawName, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [arg, undefined];
    const name = rawName ?? '';
    if (!allowed.includes(name)) throw new UsageError(`unknown option: ${arg}`, `未知选项：${arg}`);
    if (name === 'json') {
      if (inline !== undefined) throw new UsageError('--json takes no value', '--json 不带值');
      parsed.json = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`, `--${name} 需要一个值`);
    if (name === 'lang') {
      if (value !== 'zh' && value !== 'en') {
        throw new UsageError(
          `--lang must be zh or en, not ${value}`,
          `--lang 须为 zh 或 en，而不是 ${value}`,
        );
      }
      parsed.lang = value;
    } else if (name === 'layer') {
      if (value === 'none') parsed.layer = null;
      else if (isLayerId(value)) parsed.layer = value;
      else {
        throw new UsageError(
          `--layer must be one of ${LAYER_IDS.join(', ')} or none, not ${value}`,
          `--layer 须为 ${LAYER_IDS.join('、')} 之一或 none，而不是 ${value}`,
        );
      }
    } else parsed.values[name] = value;
  }
  return parsed;
}
