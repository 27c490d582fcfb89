// The card's deadline line and overdue badge (已逾期 N 天): a plot's 整治期限 against today, a project's
// earliest milestone planned and not reached (domain/deadline-badge.ts, which the table shows too).
import { overdueBadge } from '../../domain/deadline-badge.ts';
import { plotDeadline } from '../../domain/deadlines.ts';
import type { Lang } from '../../domain/i18n.ts';
import { useToday } from '../state/today.ts';
import { td } from './deadline-strings.ts';

export function DeadlineBadge({
  layer,
  properties,
  lang,
}: {
  layer: string;
  properties: Record<string, unknown>;
  lang: Lang;
}) {
  const today = useToday();
  const badge = overdueBadge(layer, properties, today);
  const deadline = layer === 'plots' ? plotDeadline(properties, today) : null;
  if (!badge && !deadline?.deadline) return null;
  return (
    <p className="deadline-line">
      {deadline?.deadline && (
        <span>
          {td(lang, 'deadlineLine', { date: deadline.deadline })}
          {deadline.state !== 'overdue' && deadline.days !== null && deadline.days >= 0
            ? td(lang, 'deadlineDays', { n: deadline.days })
            : ''}
        </span>
      )}
      {badge && (
        <strong className="overdue-badge" data-testid="overdue-badge">
          {badge[lang]}
        </strong>
      )}
    </p>
  );
}
