// Request schemas shared by several routes: usernames, passwords, roles, dates.
import { z } from 'zod';
import { ROLES } from '../../domain/wire.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../config.ts';

/** 2–32 letters (any script), digits, `.`, `_`, `-`, beginning with a letter or digit. */
export const username = z
  .string()
  .transform((value) => value.normalize('NFC'))
  .pipe(
    z
      .string()
      .min(2, 'must have at least 2 characters')
      .max(32, 'must have at most 32 characters')
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'may hold letters, digits, ".", "_" and "-" only'),
  );

export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must have at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must have at most ${PASSWORD_MAX_LENGTH} characters`);

export const role = z.enum(ROLES);
