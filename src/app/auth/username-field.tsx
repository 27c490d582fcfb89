// The user-name field of the login and setup forms: no auto-capitalising or spell-checking of a name
// that must match exactly, and the form's error announced with it.
import type { Lang } from '../../domain/i18n.ts';
import { ta } from './strings.ts';

export function UsernameField({
  lang,
  value,
  onChange,
  describedBy,
}: {
  lang: Lang;
  value: string;
  onChange: (value: string) => void;
  describedBy: string | undefined;
}) {
  return (
    <label className="field">
      <span>{ta(lang, 'username')}</span>
      <input
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
