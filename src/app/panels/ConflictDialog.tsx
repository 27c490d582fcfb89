// A 409 shown to the person, never resolved silently: their version and the one now on the server side
// by side, the fields that differ marked (not by colour alone), and two explicit choices.
import type { Lang } from '../../domain/i18n.ts';
import { propertyLabel } from '../../domain/labels.ts';
import { formatValue } from '../format.ts';
import { sameValue } from '../inspections/diff.ts';
import { Sheet } from '../inspections/Sheet.tsx';
import { tr } from '../inspections/strings.ts';

export interface ConflictChoice {
  fields: readonly string[];
  yours: Record<string, unknown>;
  theirs: Record<string, unknown>;
  yourVersion: number;
  theirVersion: number;
  /** The server's own words for the refusal. */
  message: string;
}

export function ConflictDialog({
  lang,
  conflict,
  busy,
  error,
  takeTheirsNote,
  onKeepMine,
  onTakeTheirs,
  onClose,
}: {
  lang: Lang;
  conflict: ConflictChoice;
  busy: boolean;
  error: string | null;
  takeTheirsNote: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onClose: () => void;
}) {
  return (
    <Sheet
      title={tr(lang, 'conflictTitle')}
      closeLabel={tr(lang, 'close')}
      onClose={onClose}
      className="conflict-sheet"
      role="alertdialog"
    >
      <p className="conflict-message">{conflict.message}</p>
      <p>{tr(lang, 'conflictIntro', { mine: conflict.yourVersion, theirs: conflict.theirVersion })}</p>
      <table className="conflict-table">
        <thead>
          <tr>
            <th scope="col">{tr(lang, 'field')}</th>
            <th scope="col">
              {tr(lang, 'yours')} <span className="version-tag">v{conflict.yourVersion}+</span>
            </th>
            <th scope="col">
              {tr(lang, 'theirs')} <span className="version-tag">v{conflict.theirVersion}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {conflict.fields.map((name) => {
            const differs = !sameValue(conflict.yours[name], conflict.theirs[name]);
            return (
              <tr key={name} className={differs ? 'differs' : undefined} data-differs={differs}>
                <th scope="row">
                  {propertyLabel(name, lang)}
                  {differs && <span className="differs-tag">{tr(lang, 'differs')}</span>}
                </th>
                <td>{formatValue(name, conflict.yours[name], lang)}</td>
                <td>{formatValue(name, conflict.theirs[name], lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="conflict-choices">
        <div>
          <button type="button" className="primary-button" disabled={busy} onClick={onKeepMine}>
            {tr(lang, 'keepMine')}
          </button>
          <p className="note">{tr(lang, 'keepMineNote')}</p>
        </div>
        <div>
          <button type="button" className="secondary-button" disabled={busy} onClick={onTakeTheirs}>
            {tr(lang, 'takeTheirs')}
          </button>
          <p className="note">{takeTheirsNote}</p>
        </div>
      </div>
    </Sheet>
  );
}
