// 变更历史 / Change history of a feature: who, when, what — each changed property as label: before →
// after in words (the inspector's formats), never raw JSON; refused changes (conflicts) marked as such.
import type { Lang } from '../../domain/i18n.ts';
import { propertyLabel } from '../../domain/labels.ts';
import type { HistoryEntry } from '../../domain/wire.ts';
import { EMPTY_VALUE, formatValue } from '../i18n/format.ts';
import { describeEntry, formatWhen } from './diff.ts';
import { actionLabel, tr } from './strings.ts';

const SHOWN_FIELDS = 8;

function EntryBody({ entry, lang }: { entry: HistoryEntry; lang: Lang }) {
  const view = describeEntry(entry);
  if (view.kind !== 'changes') {
    return (
      <p className="note">
        {tr(lang, view.kind)}
        {view.fields.length > 0 && ` · ${view.fields.length} ${lang === 'zh' ? '项属性' : 'attributes'}`}
      </p>
    );
  }
  const shown = view.fields.slice(0, SHOWN_FIELDS);
  return (
    <>
      {entry.action === 'conflict' && (
        <p className="note">{entry.note === 'inspection' ? tr(lang, 'attemptedInspection') : null}</p>
      )}
      <ul className="diff">
        {shown.map((field) => (
          <li key={field.name}>
            <span className="diff-name">{propertyLabel(field.name, lang)}</span>{' '}
            <del>
              {field.before === undefined ? EMPTY_VALUE : formatValue(field.name, field.before, lang)}
            </del>
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden">{lang === 'zh' ? '改为' : 'to'}</span>
            <ins>{field.after === undefined ? EMPTY_VALUE : formatValue(field.name, field.after, lang)}</ins>
          </li>
        ))}
        {view.geometryChanged && <li>{tr(lang, 'geometryChanged')}</li>}
      </ul>
      {view.fields.length > SHOWN_FIELDS && (
        <p className="note">{tr(lang, 'moreAttributes', { n: view.fields.length - SHOWN_FIELDS })}</p>
      )}
    </>
  );
}

export function ChangeHistory({
  lang,
  id,
  entries,
}: {
  lang: Lang;
  id: string;
  entries: HistoryEntry[] | null;
}) {
  return (
    <section className="record-section" aria-labelledby={`changes-${id}`}>
      <h3 id={`changes-${id}`}>{tr(lang, 'changeHistory')}</h3>
      {entries === null ? (
        <p className="note">{tr(lang, 'loadingRecords')}</p>
      ) : entries.length === 0 ? (
        <p className="note">{tr(lang, 'noChanges')}</p>
      ) : (
        <ol className="record-list" aria-label={tr(lang, 'changeHistory')}>
          {entries.map((entry) => (
            <li
              key={entry.seq}
              className={entry.action === 'conflict' ? 'record conflict-record' : 'record'}
              data-testid="change-record"
            >
              <p className="record-head">
                <span className="record-action">{actionLabel(entry.action, lang)}</span>
                <span className="record-actor">{entry.actor}</span>
                <time dateTime={entry.at}>{formatWhen(entry.at)}</time>
              </p>
              {entry.versionBefore !== null && entry.versionAfter !== null && (
                <p className="record-version">
                  {tr(lang, entry.action === 'conflict' ? 'versionNamed' : 'versionArrow', {
                    from: entry.versionBefore,
                    to: entry.versionAfter,
                  })}
                </p>
              )}
              <EntryBody entry={entry} lang={lang} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
