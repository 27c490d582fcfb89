// The administrator's settings (识别规则 and 工期倒排 standard durations): each a form over the value in
// force, saved whole from the version it showed through the one write path (the outbox; a stale
// version is refused and the form offers the current values), with its change history below it.
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import type { StageDurations } from '../../domain/deadlines.ts';
import type { Bilingual, Lang } from '../../domain/i18n.ts';
import { valueLabel } from '../../domain/labels.ts';
import { landUseName } from '../../domain/landuse.ts';
import { SETTING_DEFAULTS, type SettingKey } from '../../domain/settings.ts';
import type { HistoryEntry } from '../../domain/wire.ts';
import { errorText } from '../api/client.ts';
import { getSettingHistory } from '../api/endpoints.ts';
import { newClientId } from '../api/ids.ts';
import { releaseFromForm, submit } from '../outbox/outbox.ts';
import type { SettingState } from '../state/settings.ts';
import { useAtlas } from '../state/store.ts';
import { CloseButton } from '../ui/close-button.tsx';
import { SETTINGS_PANEL_ID, setSettingsOpen } from './open-state.ts';
import {
  type ClassRow,
  durationsToFields,
  fieldsToDurations,
  fieldsToRules,
  rulesToFields,
  settingChanges,
} from './rules-values.ts';
import { useSettingFields } from './setting-fields.ts';
import { hasString, ts } from './strings.ts';
import './settings.css';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function VersionLine({ state, lang }: { state: SettingState<SettingKey>; lang: Lang }) {
  if (state.version === null) return null;
  return (
    <p className="note" data-testid="setting-version">
      {state.version === 0
        ? ts(lang, 'versionDefault')
        : ts(lang, 'versionLine', {
            version: state.version,
            who: state.updatedBy ?? '',
            when: when(state.updatedAt ?? ''),
          })}
    </p>
  );
}

/** What the last save of a form said; `stale`: another session saved first (409). */
type FormMessage = { text: string; error: boolean; stale: boolean } | null;

/** Saves a setting through the outbox; the message to show, and whether the version was stale. */
function useSave(key: SettingKey, lang: Lang) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FormMessage>(null);
  const [revision, setRevision] = useState(0);
  const intentId = useMemo(() => `${newClientId()}-${revision}`, [revision]);
  const save = async (version: number, value: unknown) => {
    setBusy(true);
    setMessage(null);
    try {
      const outcome = await submit(
        { kind: 'put-setting', id: intentId, key, version, value },
        {
          zh: `修改设置 ${ts('zh', key === 'rules' ? 'rulesHeading' : 'durationsHeading')}`,
          en: `Setting ${key}`,
        },
      );
      const saved = outcome.status === 'saved' ? outcome.setting : undefined;
      setMessage({
        text: saved ? ts(lang, 'saved', { version: saved.version }) : ts(lang, 'queued'),
        error: false,
        stale: false,
      });
      setRevision((n) => n + 1);
    } catch (caught) {
      const stale = (caught as { status?: number }).status === 409;
      setMessage({ text: errorText(caught, lang), error: true, stale });
      await releaseFromForm(intentId);
      setRevision((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };
  return { busy, message, setMessage, save, revision };
}

/**
 * The foot of a setting's form: what the last save said (an error as an alert; when another session
 * saved first, a button to reload the settings), then 恢复默认值 (fills the defaults in, saves nothing)
 * and the form's submit button.
 */
function SettingFormActions({
  lang,
  busy,
  message,
  onReload,
  saveLabel,
  onDefaults,
}: {
  lang: Lang;
  busy: boolean;
  message: FormMessage;
  /** Loads the newest saved value (offered when the save met a newer version). */
  onReload: () => void;
  saveLabel: string;
  onDefaults: () => void;
}) {
  return (
    <>
      {message && (
        <div className={message.error ? 'form-error' : 'form-note'} role={message.error ? 'alert' : 'status'}>
          <p>{message.text}</p>
          {message.stale && (
            <button type="button" className="text-button" onClick={onReload}>
              {ts(lang, 'reload')}
            </button>
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={onDefaults}>
          {ts(lang, 'defaults')}
        </button>
        <button type="submit" className="primary-button" disabled={busy}>
          {busy ? ts(lang, 'saving') : saveLabel}
        </button>
      </div>
    </>
  );
}

function RulesForm({ lang }: { lang: Lang }) {
  const { state, fields, setFields, reload } = useSettingFields('rules', rulesToFields);
  const { busy, message, setMessage, save, revision } = useSave('rules', lang);
  const setRow = (index: number, patch: Partial<ClassRow>) =>
    setFields((current) => ({
      ...current,
      classes: current.classes.map((row, at) => (at === index ? { ...row, ...patch } : row)),
    }));
  const submitForm = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = fieldsToRules(fields);
    if (!checked.ok) return setMessage({ text: checked.message[lang], error: true, stale: false });
    if (JSON.stringify(checked.rules) === JSON.stringify(state.value))
      return setMessage({ text: ts(lang, 'nothingChanged'), error: false, stale: false });
    void save(state.version ?? 0, checked.rules);
  };
  const field = (label: string, value: string, onChange: (value: string) => void) => (
    <label className="field">
      <span>{label}</span>
      <input inputMode="decimal" value={value} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
  return (
    <section className="settings-section" aria-labelledby="rules-heading">
      <h3 id="rules-heading">{ts(lang, 'rulesHeading')}</h3>
      <p className="note">{ts(lang, 'rulesIntro')}</p>
      <VersionLine state={state} lang={lang} />
      <form onSubmit={submitForm} noValidate>
        <table className="settings-classes">
          <caption>{ts(lang, 'classesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{ts(lang, 'landUseClass')}</th>
              <th scope="col">{ts(lang, 'farMin')}</th>
              <th scope="col">{ts(lang, 'densityMin')}</th>
              <th scope="col">
                <span className="visually-hidden">{ts(lang, 'removeClass', { n: '' })}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.classes.map((row, index) => {
              const n = index + 1;
              const row_ = ts(lang, 'classOf', { n });
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is the row
                <tr key={index}>
                  <td>
                    <input
                      aria-label={`${ts(lang, 'landUseClass')}（${row_}）`}
                      inputMode="numeric"
                      value={row.landUseClass}
                      onChange={(event) => setRow(index, { landUseClass: event.target.value })}
                    />
                    {/^\d{2,6}$/.test(row.landUseClass) && (
                      <span className="class-name">{landUseName(row.landUseClass, lang)}</span>
                    )}
                  </td>
                  <td>
                    <input
                      aria-label={`${ts(lang, 'farMin')}（${row_}）`}
                      inputMode="decimal"
                      value={row.far}
                      onChange={(event) => setRow(index, { far: event.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${ts(lang, 'densityMin')}（${row_}）`}
                      inputMode="decimal"
                      value={row.densityPercent}
                      onChange={(event) => setRow(index, { densityPercent: event.target.value })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="text-button"
                      aria-label={ts(lang, 'removeClass', { n })}
                      onClick={() =>
                        setFields((current) => ({
                          ...current,
                          classes: current.classes.filter((_, at) => at !== index),
                        }))
                      }
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button
          type="button"
          className="secondary-button"
          onClick={() =>
            setFields((current) => ({
              ...current,
              classes: [...current.classes, { landUseClass: '', far: '', densityPercent: '' }],
            }))
          }
        >
          {ts(lang, 'addClass')}
        </button>
        <div className="settings-fields">
          {field(ts(lang, 'taxMin'), fields.taxPerMu, (taxPerMu) => setFields((c) => ({ ...c, taxPerMu })))}
          {field(ts(lang, 'outputMin'), fields.outputPerMu, (outputPerMu) =>
            setFields((c) => ({ ...c, outputPerMu })),
          )}
          {field(ts(lang, 'idleMax'), fields.idleYears, (idleYears) =>
            setFields((c) => ({ ...c, idleYears })),
          )}
        </div>
        <SettingFormActions
          lang={lang}
          busy={busy}
          message={message}
          onReload={() => {
            setMessage(null);
            void reload();
          }}
          saveLabel={ts(lang, 'saveRules')}
          onDefaults={() => setFields(rulesToFields(SETTING_DEFAULTS.rules))}
        />
      </form>
      <SettingHistory settingKey="rules" lang={lang} revision={`${state.version}-${revision}`} />
    </section>
  );
}

const DURATION_STAGES = ['listed', 'delivered', 'started', 'producing', 'registered'] as const;

function DurationsForm({ lang }: { lang: Lang }) {
  const { state, fields, setFields, reload } = useSettingFields('stage-durations', durationsToFields);
  const { busy, message, setMessage, save, revision } = useSave('stage-durations', lang);
  const stageName = (stage: keyof StageDurations): Bilingual => ({
    zh: valueLabel('stage', stage, 'zh'),
    en: valueLabel('stage', stage, 'en'),
  });
  const submitForm = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = fieldsToDurations(fields, stageName);
    if (!checked.ok) return setMessage({ text: checked.message[lang], error: true, stale: false });
    if (JSON.stringify(checked.durations) === JSON.stringify(state.value))
      return setMessage({ text: ts(lang, 'nothingChanged'), error: false, stale: false });
    void save(state.version ?? 0, checked.durations);
  };
  return (
    <section className="settings-section" aria-labelledby="durations-heading">
      <h3 id="durations-heading">{ts(lang, 'durationsHeading')}</h3>
      <p className="note">{ts(lang, 'durationsIntro')}</p>
      <VersionLine state={state} lang={lang} />
      <form onSubmit={submitForm} noValidate>
        <div className="settings-fields">
          {DURATION_STAGES.map((stage) => (
            <label key={stage} className="field">
              <span>{ts(lang, 'daysTo', { stage: valueLabel('stage', stage, lang) })}</span>
              <input
                inputMode="numeric"
                value={fields[stage]}
                onChange={(event) => setFields((current) => ({ ...current, [stage]: event.target.value }))}
              />
            </label>
          ))}
        </div>
        <SettingFormActions
          lang={lang}
          busy={busy}
          message={message}
          onReload={() => {
            setMessage(null);
            void reload();
          }}
          saveLabel={ts(lang, 'saveDurations')}
          onDefaults={() => setFields(durationsToFields(SETTING_DEFAULTS['stage-durations']))}
        />
      </form>
      <SettingHistory settingKey="stage-durations" lang={lang} revision={`${state.version}-${revision}`} />
    </section>
  );
}

function changeLabel(path: string, lang: Lang): string {
  const [head, tail] = path.split('.', 2);
  const key = `path_${head}`;
  if (head && hasString(key)) return tail ? `${ts(lang, key)}（${tail}）` : ts(lang, key);
  if (head && (DURATION_STAGES as readonly string[]).includes(head))
    return ts(lang, 'daysTo', { stage: valueLabel('stage', head, lang) });
  return path;
}

function valueText(path: string, value: unknown, lang: Lang): string {
  if (value === undefined || value === null) return ts(lang, 'off');
  if (path.startsWith('buildingDensityMin.') && typeof value === 'number')
    return `${Math.round(value * 1e6) / 1e4}%`;
  return String(value);
}

function SettingHistory({
  settingKey,
  lang,
  revision,
}: {
  settingKey: SettingKey;
  lang: Lang;
  revision: string;
}) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is a re-read trigger
  useEffect(() => {
    const controller = new AbortController();
    getSettingHistory(settingKey, controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) setEntries(page.entries);
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) setError(errorText(caught, lang));
      },
    );
    return () => controller.abort();
  }, [settingKey, revision, lang]);
  let body: ReactNode;
  if (error) body = <p className="form-error">{error}</p>;
  else if (entries === null) body = <p className="note">{ts(lang, 'historyLoading')}</p>;
  else if (entries.length === 0) body = <p className="note">{ts(lang, 'historyEmpty')}</p>;
  else
    body = (
      <ol className="record-list" aria-label={ts(lang, 'history')}>
        {entries.map((entry) => (
          <li key={entry.seq} className={entry.action === 'conflict' ? 'record conflict-record' : 'record'}>
            <p className="record-head">
              <span className="record-action">
                {ts(
                  lang,
                  entry.action === 'create'
                    ? 'historyCreate'
                    : entry.action === 'conflict'
                      ? 'historyConflict'
                      : 'historyUpdate',
                )}
              </span>{' '}
              <span className="record-actor">{entry.actor}</span>{' '}
              <time dateTime={entry.at}>{when(entry.at)}</time>
            </p>
            <ul className="diff">
              {settingChanges(entry.before, entry.after).map((change) => (
                <li key={change.path}>
                  <span className="diff-name">{changeLabel(change.path, lang)}</span>{' '}
                  <del>{valueText(change.path, change.before, lang)}</del>
                  <span aria-hidden="true"> → </span>
                  <span className="visually-hidden">{lang === 'zh' ? '改为' : 'to'}</span>
                  <ins>{valueText(change.path, change.after, lang)}</ins>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    );
  return (
    <section className="settings-history" aria-label={`${ts(lang, 'history')}`}>
      <h4>{ts(lang, 'history')}</h4>
      {body}
    </section>
  );
}

export function SettingsPanel() {
  const lang = useAtlas((state) => state.lang);
  return (
    <aside className="settings-panel" id={SETTINGS_PANEL_ID} aria-labelledby="settings-heading">
      <header className="settings-header">
        <h2 id="settings-heading">{ts(lang, 'panel')}</h2>
        <CloseButton label={ts(lang, 'close')} onClick={() => setSettingsOpen(false)} />
      </header>
      <div className="settings-body">
        <RulesForm lang={lang} />
        <DurationsForm lang={lang} />
      </div>
    </aside>
  );
}
