// New passwords (setup, a new account, a password change, `atlas user add`) must not be one of the most
// common passwords, nor hold the user name (after NFKC and case folding), nor be one character repeated:
// the first guesses of anyone.
import type { Bilingual } from '../../domain/i18n.ts';
import { ApiError } from '../errors.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { canonicalUsername } from './username.ts';

/** Why a password is too easy to guess for this user, or null. */
export function weakPasswordReason(password: string, username: string): Bilingual | null {
  const folded = canonicalUsername(password);
  if (COMMON_PASSWORDS.has(folded) || COMMON_PASSWORDS.has(password.toLowerCase()))
    return {
      zh: '这是最常见的密码之一，很容易被猜中，请换一个。',
      en: 'This is one of the most common passwords and easily guessed; choose another.',
    };
  // A name of 3 characters or more may not appear anywhere in the password; a 2-character one (`bo`,
  // `李工`) only not as the whole password, or half of all passphrases would be refused.
  const name = canonicalUsername(username);
  if (folded === name || ([...name].length >= 3 && folded.includes(name)))
    return { zh: '密码不能包含用户名。', en: 'The password must not contain the user name.' };
  if (new Set(folded).size === 1)
    return { zh: '密码不能只由同一个字符组成。', en: 'The password must not be one character repeated.' };
  return null;
}

/** Refuses a weak new password with a 400 `weak-password`, naming the field. */
export function refuseWeakPassword(password: string, username: string, field = 'password'): void {
  const reason = weakPasswordReason(password, username);
  if (reason) throw new ApiError(400, 'weak-password', reason, { field });
}
