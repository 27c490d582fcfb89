// The fields of the login and setup forms: the user name (no auto-capitalising or spell-checking of a
// name that must match exactly) and a password (the current one, or a new one with its minimum length),
// each with the form's error announced with it.
import { useEffect, useRef } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { ta } from './strings.ts';

interface FieldProps {
  lang: Lang;
  value: string;
  onChange: (value: string) => void;
  describedBy: string | undefined;
}

/**
 * The user name; `first`: the form's first field, focused when the screen opens (the login and setup
 * pages have one task, and a keyboard user should start on it, not on the language link).
 */
export function UsernameField({
  lang,
  value,
  onChange,
  describedBy,
  first,
}: FieldProps & { first?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (first) input.current?.focus();
  }, [first]);
  return (
    <label className="field">
      <span>{ta(lang, 'username')}</span>
      <input
        ref={input}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
        required
      />
    </label>
  );
}

export function PasswordField({
  lang,
  label,
  name,
  newMinLength,
  value,
  onChange,
  describedBy,
}: FieldProps & {
  label: 'password' | 'passwordAgain';
  name: string;
  /** A new password's minimum length (autocomplete new-password); none for the current password. */
  newMinLength?: number;
}) {
  return (
    <label className="field">
      <span>{ta(lang, label)}</span>
      <input
        name={name}
        type="password"
        autoComplete={newMinLength === undefined ? 'current-password' : 'new-password'}
        minLength={newMinLength}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
        required
      />
    </label>
  );
}
