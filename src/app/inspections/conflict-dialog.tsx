// A conflict the three-way merge could not settle (api/transact.ts), shown to the person, never
// resolved silently: only the fields both sides changed differently, each with their value, the
// server's, and who changed it and when; what merges without conflict is named, not asked about.
import type { Lang } from '../../domain/i18n.ts';
import { propertyLabel } from '../../domain/labels.ts';
import type { Conflict } from '../api/transact.ts';
import { formatValue } from '../i18n/format.ts';
import { resolveConflict as resolve, type Submitted } from '../outbox/outbox.ts';
import { Sheet } from '../ui/sheet.tsx';
import { formatWhen } from './diff.ts';
import { tr } from './strings.ts';

function fieldList(names: readonly string[], lang: Lang): string {
  return names.map((name) => propertyLabel(name, lang)).join(lang === 'zh' ? '、' : ', ');
}

export function ConflictDialog({
  lang,
  conflict,
  busy,
  error,
  takeTheirsNote,
  onResolve,
  onClose,
}: {
  lang: Lang;
  conflict: Conflict;
  busy: boolean;
  error: string | null;
  takeTheirsNote: string;
  /** Sends the person's choice through the outbox (`write`), as the form sends its own saves. */
  onResolve: (write: () => Promise<Submitted>) => void;
  onClose: () => void;
}) {
  const merged = [
    ...(conflict.mine.length
      ? [tr(lang, 'conflictYoursList', { fields: fieldList(conflict.mine, lang) })]
      : []),
    ...(conflict.theirs.length
      ? [tr(lang, 'conflictTheirsList', { fields: fieldList(conflict.theirs, lang) })]
      : []),
  ];
  return (
    <Sheet
      title={tr(lang, 'conflictTitle')}
      closeLabel={tr(lang, 'close')}
      onClose={onClose}
      className="conflict-sheet"
      role="alertdialog"
    >
      <p>
        {tr(lang, 'conflictIntro', {
          mine: conflict.startedFrom,
          theirs: conflict.current.properties.version,
        })}
      </p>
      <table className="conflict-table">
        <thead>
          <tr>
            <th scope="col">{tr(lang, 'field')}</th>
            <th scope="col">{tr(lang, 'yours')}</th>
            <th scope="col">
              {tr(lang, 'theirs')} <span className="version-tag">v{conflict.current.properties.version}</span>
            </th>
            <th scope="col">{tr(lang, 'changedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {conflict.fields.map((field) => {
            const by = conflict.changedBy[field.name];
            return (
              <tr key={field.name} className="differs">
                <th scope="row">{propertyLabel(field.name, lang)}</th>
                <td>{formatValue(field.name, field.mine, lang)}</td>
                <td>{formatValue(field.name, field.theirs, lang)}</td>
                <td>{by ? `${by.actor} · ${formatWhen(by.at)}` : tr(lang, 'changedByUnknown')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {merged.length > 0 && (
        <p className="note">
          {tr(lang, 'conflictMerged', { fields: merged.join(lang === 'zh' ? '；' : '; ') })}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="conflict-choices">
        <div>
          <button
            type="button"
            className="primary-button"
            disabled={busy}
            onClick={() =>
              onResolve(() =>
                resolve(
                  conflict,
                  conflict.fields.map((field) => field.name),
                ),
              )
            }
          >
            {tr(lang, 'keepMine')}
          </button>
          <p className="note">{tr(lang, 'keepMineNote')}</p>
        </div>
        <div>
          <button
            type="button"
            className="secondary-button"
            disabled={busy}
            onClick={() => onResolve(() => resolve(conflict, []))}
          >
            {tr(lang, 'takeTheirs')}
          </button>
          <p className="note">{takeTheirsNote}</p>
        </div>
      </div>
    </Sheet>
  );
}
