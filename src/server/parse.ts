// Request bodies, params and queries are parsed with zod strict objects: unknown fields are refused,
// and a refusal names each field that is wrong, for a person and for a program.
import type { z } from 'zod';
import { ApiError } from './errors.ts';

export function parse<T extends z.ZodType>(
  schema: T,
  value: unknown,
  part: 'body' | 'query' | 'params',
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
  const fields = [...new Set(issues.map((issue) => issue.path || part))].join(', ');
  return fail(
    new ApiError(
      400,
      'invalid-request',
      {
        zh: `请求${part === 'body' ? '内容' : '参数'}有误：${fields}。`,
        en: `The request ${part} is not valid: ${fields}.`,
      },
      { issues },
    ),
  );
}

function fail(error: ApiError): never {
  throw error;
}
