// The administrator's settings (domain/settings.ts): GET /api/settings/:key for every signed-in role,
// PUT /api/settings/:key for admins, with the whole new value and the version it was edited from (a
// stale one is 409 with the current setting, as for features); the value must fit the key's schema
// (400, naming each field). Every save is in history (GET /api/history?layer=settings&id=<key>).
// A PUT with an Idempotency-Key is answered once (idempotency.ts), as every write route.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isSettingKey, SETTING_SCHEMAS, type SettingKey } from '../../domain/settings.ts';
import { settingPut } from '../../domain/wire.ts';
import { ADMIN, READ } from '../auth/roles.ts';
import { ApiError, notFound, unauthorized } from '../errors.ts';
import { keyed, sendReplay } from '../idempotency.ts';
import { parse } from '../parse.ts';
import { readSetting } from '../settings.ts';
import type { SettingResult } from '../store/types.ts';

const keyParams = z.strictObject({ key: z.string().min(1).max(200) });

const SETTING_NAMES: Record<SettingKey, { zh: string; en: string }> = {
  rules: { zh: '识别规则', en: 'identification rules' },
  'stage-durations': { zh: '工期倒排标准工期', en: 'standard step durations' },
};

function settingKeyOf(params: unknown): SettingKey {
  const { key } = parse(keyParams, params, 'params');
  if (!isSettingKey(key)) throw notFound({ zh: `设置 ${key}`, en: `Setting ${key}` });
  return key;
}

function invalidSetting(key: SettingKey, error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const list = issues.map((issue) => `${issue.path || 'value'}: ${issue.message}`).join('; ');
  const name = SETTING_NAMES[key];
  return new ApiError(
    400,
    'invalid-setting',
    {
      zh: `${name.zh}有误，未保存：${list}。请改正后再保存。`,
      en: `The ${name.en} are not valid and were not saved: ${list}. Correct them and save again.`,
    },
    { issues },
  );
}

function settingConflict(key: SettingKey, result: Extract<SettingResult, { ok: false }>): ApiError {
  const name = SETTING_NAMES[key];
  const { current } = result;
  return new ApiError(
    409,
    'version-conflict',
    {
      zh: `${name.zh}已被 ${current.updatedBy ?? '他人'} 修改（当前版本 ${current.version}），您的修改未保存。请查看最新内容后再改。`,
      en: `The ${name.en} were changed by ${current.updatedBy ?? 'someone else'} (now version ${current.version}); your change was not saved. Look at the current values and edit again.`,
    },
    { current },
  );
}

export function settingRoutes(server: FastifyInstance): void {
  const { store } = server.atlas;

  server.get('/api/settings/:key', { config: { access: READ } }, async (request) =>
    readSetting(store, settingKeyOf(request.params)),
  );

  server.put('/api/settings/:key', { config: { access: ADMIN } }, async (request, reply) => {
    const key = settingKeyOf(request.params);
    const user = request.user;
    if (!user) throw unauthorized();
    const body = parse(settingPut, request.body, 'body');
    const checked = SETTING_SCHEMAS[key].safeParse(body.value);
    if (!checked.success) throw invalidSetting(key, checked.error);
    const outcome = await keyed(
      request,
      store,
      (result: SettingResult) => (result.ok ? { status: 200, body: result.setting } : null),
      () => store.putSetting(key, body.version, checked.data, user.username),
    );
    if ('replay' in outcome) return sendReplay(reply, outcome.replay);
    if (!outcome.result.ok) throw settingConflict(key, outcome.result);
    return outcome.result.setting;
  });
}
