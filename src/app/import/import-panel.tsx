// 导入数据 / Import data (administrators): a file is dropped or picked, read in a Web Worker with its
// progress (src/formats through src/worker/import.worker.ts), and shown on the map as a preview before
// anything is saved; the panel says what was read (format, encoding, coordinate system — changeable,
// and to be confirmed when only guessed —, feature count, warnings), asks the land-use scheme when the
// file cannot tell, maps the file's fields to the target layer's properties (suggested, or a saved
// preset), and commits all or nothing through POST /api/import/:layer (replace or merge; a merge that
// would revert edits made on the server since the file was exported is refused and the conflicts listed
// by id; overwriting them is a second, explicit step). Then the layers are reloaded.
import './import.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import {
  type FieldMapping,
  IMPORT_LAYERS,
  type ImportLayer,
  type LandUseChoice,
  mapFeatures,
  suggestMapping,
} from '../../domain/import-mapping.ts';
import { layerLabel } from '../../domain/labels.ts';
import type { ImportReport } from '../../domain/wire.ts';
import { CRS_CHOICES, type EncodingName, type ReadResult } from '../../formats/index.ts';
import type { ReadFailure } from '../../worker/import.worker.ts';
import { ApiError, errorText } from '../api/client.ts';
import { importLayer } from '../api/endpoints.ts';
import { reloadLayers } from '../state/session.ts';
import { useAtlas } from '../state/store.ts';
import { CloseButton } from '../ui/close-button.tsx';
import { CommitOutcome, type Outcome } from './commit-outcome.tsx';
import { FieldMappingTable } from './field-mapping.tsx';
import { IMPORT_PANEL_ID } from './ids.ts';
import { readFiles, stopReader } from './reader-client.ts';
import { ti } from './strings.ts';

const FORMAT_NAMES: Record<ReadResult['format'], string> = {
  geojson: 'GeoJSON',
  shapefile: 'Shapefile',
  kml: 'KML',
  kmz: 'KMZ',
  csv: 'CSV',
  txt: '勘测定界 TXT',
};

const ENCODING_SOURCES: Record<ReadResult['encoding']['source'], { zh: string; en: string }> = {
  cpg: { zh: '读自 .cpg', en: 'from the .cpg' },
  'dbf-ldid': { zh: '读自 DBF 语言标记', en: 'from the DBF language byte' },
  detected: { zh: '自动识别', en: 'detected' },
  given: { zh: '已手动选择', en: 'chosen' },
  bom: { zh: '读自 BOM', en: 'from the BOM' },
  'utf-8': { zh: '格式规定', en: 'the format’s rule' },
};

const CRS_SOURCES: Record<ReadResult['crs']['source'], { zh: string; en: string }> = {
  prj: { zh: '读自 .prj', en: 'from the .prj' },
  'crs-member': { zh: '读自 crs 成员', en: 'from the crs member' },
  'txt-header': { zh: '读自属性描述', en: 'from the header' },
  given: { zh: '已手动选择', en: 'chosen' },
  default: { zh: '格式默认（经纬度）', en: 'the format’s default (lon/lat)' },
  guess: { zh: '按坐标数值推测', en: 'guessed from the coordinates' },
};

type Reading =
  | { kind: 'none' }
  | { kind: 'reading'; name: string; fraction: number }
  | { kind: 'failed'; failure: ReadFailure }
  | { kind: 'read'; files: File[]; result: ReadResult };

const fileLabel = (files: readonly File[]) => files.map((file) => file.name).join(' + ');

function Progress({ lang, name, fraction }: { lang: Lang; name: string; fraction: number }) {
  const percent = Math.round(fraction * 100);
  return (
    <div className="import-reading">
      <p role="status">
        {fraction < 1
          ? ti(lang, 'reading', { file: name, percent: `${percent}%` })
          : ti(lang, 'parsing', { file: name })}
      </p>
      <div
        className="import-progress"
        role="progressbar"
        aria-label={ti(lang, 'progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

function DropZone({ lang, onFiles }: { lang: Lang; onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is the mouse's way; 选择文件 is everyone's
    <section
      className={over ? 'import-drop over' : 'import-drop'}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        if (event.dataTransfer.files.length > 0) onFiles([...event.dataTransfer.files]);
      }}
    >
      <p>
        {ti(lang, 'dropHere')}{' '}
        <button type="button" className="primary-button" onClick={() => input.current?.click()}>
          {ti(lang, 'pickFile')}
        </button>
      </p>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        aria-label={ti(lang, 'pickFile')}
        accept=".zip,.shp,.shx,.dbf,.prj,.cpg,.geojson,.json,.kml,.kmz,.csv,.txt"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <p className="note">{ti(lang, 'supported')}</p>
    </section>
  );
}

function Summary({
  lang,
  files,
  result,
  onReread,
  crsConfirmed,
  setCrsConfirmed,
}: {
  lang: Lang;
  files: File[];
  result: ReadResult;
  onReread: (options: { crs?: string; encoding?: EncodingName }) => void;
  crsConfirmed: boolean;
  setCrsConfirmed: (confirmed: boolean) => void;
}) {
  const choices = CRS_CHOICES.some((choice) => choice.code === result.crs.code)
    ? CRS_CHOICES
    : [{ code: result.crs.code, name: result.crs.name }, ...CRS_CHOICES];
  const shownWarnings = result.warnings.slice(0, 20);
  return (
    <section className="import-section" aria-labelledby="import-summary-title">
      <h3 id="import-summary-title">{ti(lang, 'fileSummary')}</h3>
      <dl className="import-facts">
        <dt>{ti(lang, 'file')}</dt>
        <dd>{fileLabel(files)}</dd>
        <dt>{ti(lang, 'format')}</dt>
        <dd data-testid="import-format">{FORMAT_NAMES[result.format]}</dd>
        <dt>{ti(lang, 'featureCount')}</dt>
        <dd data-testid="import-count">{result.features.length}</dd>
      </dl>
      <div className="import-choices">
        <label className="field">
          <span>{ti(lang, 'encoding')}</span>
          <select
            value={result.encoding.name}
            onChange={(event) => onReread({ encoding: event.target.value as EncodingName })}
          >
            <option value="utf-8">UTF-8</option>
            <option value="gbk">GBK（GB18030）</option>
          </select>
          <span className="hint">{ENCODING_SOURCES[result.encoding.source][lang]}</span>
        </label>
        <label className="field">
          <span>{ti(lang, 'crs')}</span>
          <select value={result.crs.code} onChange={(event) => onReread({ crs: event.target.value })}>
            {choices.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice.name[lang]}（{choice.code}）
              </option>
            ))}
          </select>
          <span className="hint">{CRS_SOURCES[result.crs.source][lang]}</span>
        </label>
      </div>
      {result.crs.needsConfirmation && (
        <div className="import-confirm">
          <p>{ti(lang, 'guessed')}</p>
          <label className="checkbox-row">
            <input
              type="checkbox"
              checked={crsConfirmed}
              onChange={(event) => setCrsConfirmed(event.target.checked)}
            />
            {ti(lang, 'confirmCrs')}
          </label>
        </div>
      )}
      {shownWarnings.length > 0 && (
        <details className="import-warnings">
          <summary>{ti(lang, 'warnings', { n: result.warnings.length })}</summary>
          <ul>
            {shownWarnings.map((warning, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no identity but their order
              <li key={index}>
                {warning.feature !== undefined && `${ti(lang, 'featureAt', { n: warning.feature }).trim()} `}
                {warning.message[lang]}
              </li>
            ))}
            {result.warnings.length > shownWarnings.length && (
              <li>{ti(lang, 'moreWarnings', { n: result.warnings.length - shownWarnings.length })}</li>
            )}
          </ul>
        </details>
      )}
    </section>
  );
}

export function ImportPanel() {
  const lang = useAtlas((state) => state.lang);
  const openScreen = useAtlas((state) => state.openScreen);
  const setImportPreview = useAtlas((state) => state.setImportPreview);
  const [reading, setReading] = useState<Reading>({ kind: 'none' });
  const [layer, setLayer] = useState<ImportLayer>('plots');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [mapping, setMapping] = useState<FieldMapping>({ fields: {}, defaults: {} });
  const [scheme, setScheme] = useState<LandUseChoice | null>(null);
  const [crsConfirmed, setCrsConfirmed] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const readId = useRef(0);

  useEffect(() => () => stopReader(), []);

  const result = reading.kind === 'read' ? reading.result : null;

  const read = async (files: File[], options: { crs?: string; encoding?: EncodingName } = {}) => {
    const id = ++readId.current;
    const name = fileLabel(files);
    setReading({ kind: 'reading', name, fraction: 0 });
    setOutcome({ kind: 'idle' });
    setImportPreview(null);
    // Progress comes on its own channel (a comlink proxy): a last report may arrive after the answer.
    let answered = false;
    try {
      const answer = await readFiles(files, options, (fraction) => {
        if (readId.current === id && !answered) setReading({ kind: 'reading', name, fraction });
      });
      answered = true;
      if (readId.current !== id) return;
      if (!answer.ok) {
        setReading({ kind: 'failed', failure: answer.failure });
        return;
      }
      const read = answer.result;
      setReading({ kind: 'read', files, result: read });
      setCrsConfirmed(false);
      setScheme(read.landUse?.scheme === 'ambiguous' ? null : (read.landUse?.scheme ?? null));
      setMapping(suggestMapping(layer, read.fields));
      setImportPreview({
        type: 'FeatureCollection',
        features: read.features.filter((feature) => feature.geometry !== null) as GeoJSON.Feature[],
      });
    } catch (error) {
      answered = true;
      if (readId.current !== id) return;
      setReading({
        kind: 'failed',
        failure: {
          file: name,
          feature: null,
          text: { zh: '读取时出错。', en: 'reading failed.' },
          hint: { zh: String(error), en: String(error) },
        },
      });
    }
  };

  const mapped = useMemo(
    () => (result ? mapFeatures(layer, result.features, mapping, scheme) : null),
    [result, layer, mapping, scheme],
  );

  const close = () => {
    setImportPreview(null);
    openScreen(null);
  };

  const ambiguous = result?.landUse?.scheme === 'ambiguous';
  const canCommit =
    result !== null &&
    mapped !== null &&
    mapped.problems.length === 0 &&
    mapped.features.length > 0 &&
    (!result.crs.needsConfirmation || crsConfirmed) &&
    (!ambiguous || scheme !== null) &&
    outcome.kind !== 'committing';

  const commit = async (onConflict: 'refuse' | 'overwrite') => {
    if (!mapped) return;
    setOutcome({ kind: 'committing' });
    try {
      const report: ImportReport = await importLayer(
        layer,
        { type: 'FeatureCollection', features: mapped.features },
        mode,
        onConflict,
      );
      setOutcome({ kind: 'done', report });
      setImportPreview(null);
      await reloadLayers();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'import-conflicts')
        setOutcome({ kind: 'conflicts', error });
      else if (error instanceof ApiError && Array.isArray(error.body.problems))
        setOutcome({ kind: 'refused', error });
      else setOutcome({ kind: 'failed', text: errorText(error, lang) });
    }
  };

  return (
    <aside id={IMPORT_PANEL_ID} className="import-panel" aria-label={ti(lang, 'importData')}>
      <header className="import-header">
        <h2>{ti(lang, 'importData')}</h2>
        <CloseButton label={ti(lang, 'closeImport')} onClick={close} />
      </header>
      <div className="import-body">
        {outcome.kind === 'done' ? (
          <CommitOutcome
            lang={lang}
            outcome={outcome}
            features={mapped?.features ?? []}
            onOverwrite={() => void commit('overwrite')}
            onAnother={() => {
              setReading({ kind: 'none' });
              setOutcome({ kind: 'idle' });
            }}
            onClose={close}
          />
        ) : (
          <>
            {reading.kind === 'reading' ? (
              <Progress lang={lang} name={reading.name} fraction={reading.fraction} />
            ) : (
              <DropZone lang={lang} onFiles={(files) => void read(files)} />
            )}
            {reading.kind === 'failed' && (
              <p className="form-error" role="alert">
                {ti(lang, 'readFailed', {
                  file: reading.failure.file,
                  feature:
                    reading.failure.feature === null
                      ? ''
                      : ti(lang, 'featureAt', { n: reading.failure.feature }),
                  text: reading.failure.text[lang],
                  hint: reading.failure.hint[lang],
                })}
              </p>
            )}
            {reading.kind === 'read' && result && mapped && (
              <>
                <p className="note import-preview-note">{ti(lang, 'previewNote')}</p>
                <Summary
                  lang={lang}
                  files={reading.files}
                  result={result}
                  onReread={(options) => void read(reading.files, options)}
                  crsConfirmed={crsConfirmed}
                  setCrsConfirmed={setCrsConfirmed}
                />
                {result.landUse?.scheme === 'sandiao' && (
                  <p className="note">{ti(lang, 'sandiaoNote', { field: result.landUse.field })}</p>
                )}
                {ambiguous && result.landUse && (
                  <fieldset className="import-section radio-group">
                    <legend>
                      {ti(lang, 'landUseQuestion', {
                        field: result.landUse.field,
                        reason: result.landUse.reason[lang],
                      })}
                    </legend>
                    {(['current', 'sandiao'] as const).map((value) => (
                      <label key={value} className="checkbox-row">
                        <input
                          type="radio"
                          name="land-use-scheme"
                          checked={scheme === value}
                          onChange={() => setScheme(value)}
                        />
                        {ti(lang, value === 'current' ? 'schemeCurrent' : 'schemeSandiao')}
                      </label>
                    ))}
                  </fieldset>
                )}
                <section className="import-section" aria-labelledby="import-target-title">
                  <h3 id="import-target-title">{ti(lang, 'target')}</h3>
                  <label className="field">
                    <span>{ti(lang, 'targetLayer')}</span>
                    <select
                      value={layer}
                      onChange={(event) => {
                        const next = event.target.value as ImportLayer;
                        setLayer(next);
                        setMapping(suggestMapping(next, result.fields));
                      }}
                    >
                      {IMPORT_LAYERS.map((id) => (
                        <option key={id} value={id}>
                          {layerLabel(id, lang)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <fieldset className="radio-group">
                    <legend>{ti(lang, 'mode')}</legend>
                    {(['merge', 'replace'] as const).map((value) => (
                      <label key={value} className="checkbox-row">
                        <input
                          type="radio"
                          name="import-mode"
                          checked={mode === value}
                          onChange={() => setMode(value)}
                        />
                        {ti(lang, value === 'merge' ? 'modeMerge' : 'modeReplace')}
                      </label>
                    ))}
                  </fieldset>
                  {!mapping.fields.version && <p className="note">{ti(lang, 'noVersion')}</p>}
                </section>
                <FieldMappingTable
                  lang={lang}
                  layer={layer}
                  fields={result.fields}
                  firstRow={result.features[0]?.properties ?? null}
                  mapping={mapping}
                  onChange={(next) => setMapping(next ?? suggestMapping(layer, result.fields))}
                />
                <MappingProblems
                  lang={lang}
                  problems={mapped.problems}
                  idOf={(index) => {
                    const field = mapping.fields.id;
                    const value = field ? result.features[index]?.properties?.[field] : undefined;
                    return value === undefined || value === null || value === '' ? '—' : String(value);
                  }}
                />
                <CommitOutcome
                  lang={lang}
                  outcome={outcome}
                  features={mapped.features}
                  onOverwrite={() => void commit('overwrite')}
                  onAnother={() => setReading({ kind: 'none' })}
                  onClose={close}
                />
                <div className="actions-row import-actions">
                  <button type="button" className="secondary-button" onClick={close}>
                    {ti(lang, 'cancel')}
                  </button>
                  <button
                    type="button"
                    className="primary-button"
                    disabled={!canCommit}
                    onClick={() => void commit('refuse')}
                  >
                    {outcome.kind === 'committing'
                      ? ti(lang, 'committing')
                      : ti(lang, 'commit', { n: mapped.features.length })}
                  </button>
                </div>
              </>
            )}
          </>
        )}
      </div>
    </aside>
  );
}

function MappingProblems({
  lang,
  problems,
  idOf,
}: {
  lang: Lang;
  problems: ReturnType<typeof mapFeatures>['problems'];
  /** The id the file gives the feature at this position. */
  idOf: (index: number) => string;
}) {
  if (problems.length === 0) return null;
  const shown = problems.slice(0, 50);
  return (
    <section className="import-section import-problems" aria-labelledby="import-problems-title">
      <h3 id="import-problems-title">{ti(lang, 'problems', { n: problems.length })}</h3>
      <ul>
        {shown.map((problem, index) => {
          const where =
            problem.feature === null
              ? ti(lang, 'problemFile')
              : ti(lang, 'problemAt', { n: problem.feature, id: idOf(problem.feature) });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity but their order
            <li key={index}>
              <strong>{where}</strong> {problem.message[lang]}
            </li>
          );
        })}
        {problems.length > shown.length && (
          <li>{ti(lang, 'moreWarnings', { n: problems.length - shown.length })}</li>
        )}
      </ul>
    </section>
  );
}
