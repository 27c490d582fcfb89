// The overdue badge (已逾期 N 天) of a plot or a project, as the card and the table show it: how many
// days since the deadline passed (a plot's 整治期限; a project's earliest milestone planned and not
// reached), or nothing when it is not overdue. Pure: properties and today in.
import { daysBetween } from './dates.ts';
import { plotDeadline, projectDueDates, projectDueState } from './deadlines.ts';
import type { Bilingual } from './i18n.ts';

/** Days a plot (`plots`) or project (`projects`) is overdue today; null when it is not. */
export function overdueDays(
  layer: string,
  properties: Record<string, unknown>,
  today: string,
): number | null {
  if (layer === 'plots') {
    const deadline = plotDeadline(properties, today);
    return deadline.state === 'overdue' && deadline.days !== null ? -deadline.days : null;
  }
  if (layer === 'projects') {
    const due = projectDueDates(properties);
    if (projectDueState(due, today) !== 'overdue' || due.earliestDue === null) return null;
    return daysBetween(due.earliestDue, today);
  }
  return null;
}

/** The badge's words for `days` overdue. */
export function overdueBadgeText(days: number): Bilingual {
  return { zh: `已逾期 ${days} 天`, en: days === 1 ? '1 day overdue' : `${days} days overdue` };
}

/** The badge of a feature today, or null when it is not overdue. */
export function overdueBadge(
  layer: string,
  properties: Record<string, unknown>,
  today: string,
): Bilingual | null {
  const days = overdueDays(layer, properties, today);
  return days === null ? null : overdueBadgeText(days);
}
