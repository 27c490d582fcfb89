// The zone panel (issue #5): the drawing tools, the live readout of the zone being drawn or selected,
// its attributes and 保存区域, and the list of zones with 缩放至 and the exports. Opened from the
// 绘制区域 button in the top bar, shown to users who may create zones.
import type { Lang } from '../../../domain/i18n.ts';
import './zones.css';
import { useId, useMemo } from 'react';
import { LAND_USE_CODES, landUseName } from '../../../domain/landuse.ts';
import { ZONE_MODES, type ZoneMode } from '../../../domain/zone.ts';
import { bracketed, formatArea, formatPercent, labelled } from '../../i18n/format.ts';
import { isDrawingTool, presentZones, type ZoneTool, zoneHistoryFlags } from '../../state/drawing-slice.ts';
import { selectedZoneId } from '../../state/selection.ts';
import { useAtlas } from '../../state/store.ts';
import { CloseButton } from '../../ui/close-button.tsx';
import { SurveyTxtLink } from '../../ui/survey-txt-link.tsx';
import type { ZoneDrawController } from '../draw/controller.ts';
import {
  deleteZoneById,
  exportAnalysisCsv,
  exportGeoJson,
  isDirty,
  saveZone,
  takeServerCopy,
} from './actions.ts';
import { refusalText, tz, ZONE_MODE_NAMES } from './i18n.ts';
import { ZONE_PANEL_ID } from './zone-button.tsx';

const TOOLS: { tool: ZoneTool; label: Parameters<typeof tz>[1] }[] = [
  { tool: 'polygon', label: 'drawPolygon' },
  { tool: 'rectangle', label: 'drawRectangle' },
  { tool: 'freehand', label: 'drawFreehand' },
  { tool: 'select', label: 'selectEdit' },
  { tool: 'delete-vertex', label: 'deleteVertex' },
];

function Toolbar({ controller }: { controller: ZoneDrawController }) {
  const lang = useAtlas((state) => state.lang);
  const tool = useAtlas((state) => state.drawing.tool);
  const setTool = useAtlas((state) => state.setTool);
  const snapping = useAtlas((state) => state.drawing.snapping);
  const setDrawing = useAtlas((state) => state.setDrawing);
  const history = useAtlas((state) => state.drawing.history);
  const selectedId = useAtlas((state) => selectedZoneId(state.selection));
  const flags = zoneHistoryFlags(history);
  const drawing = isDrawingTool(tool);
  return (
    <div className="zone-tools" role="toolbar" aria-label={tz(lang, 'zoneTools')}>
      {TOOLS.map(({ tool: value, label }) => (
        <button
          key={value}
          type="button"
          className="zone-tool"
          aria-pressed={tool === value}
          onClick={() => setTool(tool === value ? 'none' : value)}
        >
          {tz(lang, label)}
        </button>
      ))}
      <button
        type="button"
        className="zone-tool"
        disabled={!selectedId}
        onClick={() => {
          const record = selectedId ? useAtlas.getState().drawing.records[selectedId] : undefined;
          if (!record || !selectedId) return;
          const name = record.attributes.name || tz(lang, 'unnamed');
          if (record.serverId && !window.confirm(tz(lang, 'confirmDelete', { name }))) return;
          void deleteZoneById(controller, selectedId);
        }}
      >
        {tz(lang, 'deleteZone')}
      </button>
      <button
        type="button"
        className="zone-tool"
        disabled={!flags.undo && !drawing}
        onClick={() => controller.undo()}
      >
        {tz(lang, 'undo')}
      </button>
      <button
        type="button"
        className="zone-tool"
        disabled={!flags.redo && !drawing}
        onClick={() => controller.redo()}
      >
        {tz(lang, 'redo')}
      </button>
      <button
        type="button"
        role="switch"
        className="zone-tool zone-switch"
        aria-checked={snapping}
        onClick={() => setDrawing({ snapping: !snapping })}
      >
        {tz(lang, 'snap')}
      </button>
      {drawing && (
        <div className="zone-finish">
          <button type="button" className="zone-primary" onClick={() => controller.finishDrawing()}>
            {tz(lang, 'finish')}
          </button>
          <button type="button" className="zone-tool" onClick={() => controller.cancelDrawing()}>
            {tz(lang, 'cancel')}
          </button>
        </div>
      )}
      <p className="zone-hint">
        {drawing
          ? tz(lang, 'drawHint')
          : tool === 'delete-vertex'
            ? tz(lang, 'deleteVertexHint')
            : tz(lang, 'selectHint')}
      </p>
    </div>
  );
}

function Readout() {
  const lang = useAtlas((state) => state.lang);
  const readout = useAtlas((state) => state.drawing.readout);
  const readoutId = useAtlas((state) => state.drawing.readoutId);
  const name = useAtlas(({ drawing }) =>
    drawing.readoutId ? drawing.records[drawing.readoutId]?.attributes.name : null,
  );
  if (!readout || !readoutId) return null;
  const area = formatArea(readout.areaM2, lang);
  const share = readout.newLand.share;
  // The tiled plots around the zone were too many to fetch: their figures are unknown, not zero.
  const incomplete = readout.tooManyInView === true;
  return (
    <section className="zone-readout" aria-label={tz(lang, 'readout')} aria-live="polite">
      <h3>{name ? labelled(lang, tz(lang, 'readout'), name) : tz(lang, 'readout')}</h3>
      <dl className="zone-figures">
        <dt>{tz(lang, 'area')}</dt>
        <dd data-testid="zone-area-mu">{area.mu}</dd>
        <dd>
          {area.ha} · <span data-testid="zone-area-m2">{area.m2}</span>
        </dd>
        <dt>{tz(lang, 'perimeter')}</dt>
        <dd data-testid="zone-perimeter">
          {readout.perimeterM.toLocaleString('en-US', { maximumFractionDigits: 1 })} m
        </dd>
        {incomplete ? null : (
          <>
            <dt>{tz(lang, 'manufacturingShare')}</dt>
            <dd>{share === null ? tz(lang, 'noNewLand') : formatPercent(share)}</dd>
            <dt>{tz(lang, 'plotsManufacturingShare')}</dt>
            <dd>
              {readout.plotsManufacturingShare === null
                ? '—'
                : formatPercent(readout.plotsManufacturingShare)}
            </dd>
          </>
        )}
        <dt>{tz(lang, 'parksTouched')}</dt>
        <dd>
          {readout.parks.length === 0
            ? tz(lang, 'noParks')
            : readout.parks
                .map((park) => `${park.name}${bracketed(lang, formatArea(park.overlapM2, lang).mu)}`)
                .join(lang === 'zh' ? '、' : ', ')}
        </dd>
      </dl>
      {incomplete ? (
        <p className="note zone-too-many" role="status" data-testid="zone-too-many">
          {tz(lang, 'tooManyInView')}
        </p>
      ) : (
        <>
          <p className="note zone-shares-note">{tz(lang, 'sharesNote')}</p>
          <h4>
            {tz(lang, 'plotsInZone')}
            {bracketed(lang, String(readout.plots.length))}
          </h4>
          {readout.plots.length === 0 ? (
            <p>{tz(lang, 'noPlots')}</p>
          ) : (
            <table className="zone-plots">
              <thead>
                <tr>
                  <th scope="col">{tz(lang, 'plotId')}</th>
                  <th scope="col">{tz(lang, 'enterprise')}</th>
                  <th scope="col">{tz(lang, 'overlap')}</th>
                  <th scope="col">{tz(lang, 'ofPlot')}</th>
                </tr>
              </thead>
              <tbody>
                {readout.plots.map((plot) => (
                  <tr key={plot.id} data-plot-id={plot.id}>
                    <td>{plot.id}</td>
                    <td>{plot.enterprise}</td>
                    <td>{formatArea(plot.overlapM2, lang).mu}</td>
                    <td>{formatPercent(plot.shareOfPlot)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button type="button" className="zone-tool" onClick={exportAnalysisCsv}>
            {tz(lang, 'exportCsv')}
          </button>
        </>
      )}
    </section>
  );
}

/** The land-use classes by name and code, with the zone's own code kept when it is not among them. */
function landUseChoices(current: string): readonly string[] {
  return LAND_USE_CODES.includes(current) || current === '' ? LAND_USE_CODES : [current, ...LAND_USE_CODES];
}

function Attributes({ controller }: { controller: ZoneDrawController }) {
  const lang = useAtlas((state) => state.lang);
  const id = useAtlas((state) => selectedZoneId(state.selection) ?? state.drawing.readoutId);
  const record = useAtlas((state) => (id ? state.drawing.records[id] : undefined));
  const saving = useAtlas((state) => state.drawing.saving);
  const setAttributes = useAtlas((state) => state.setZoneAttributes);
  const present = useAtlas((state) => state.drawing.history.present);
  const formId = useId();
  if (!id || !record || !present.some((shape) => shape.id === id)) return null;
  const { attributes } = record;
  return (
    <form
      className="zone-form"
      onSubmit={(event) => {
        event.preventDefault();
        void saveZone(controller, id);
      }}
    >
      <label htmlFor={`${formId}-name`}>{tz(lang, 'name')}</label>
      <input
        id={`${formId}-name`}
        value={attributes.name}
        required
        maxLength={100}
        onChange={(event) => setAttributes(id, { name: event.target.value })}
      />
      <label htmlFor={`${formId}-mode`}>{tz(lang, 'mode')}</label>
      <select
        id={`${formId}-mode`}
        value={attributes.mode}
        onChange={(event) => setAttributes(id, { mode: event.target.value as ZoneMode })}
      >
        {ZONE_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {ZONE_MODE_NAMES[mode][lang]}
          </option>
        ))}
      </select>
      <label htmlFor={`${formId}-land-use`}>{tz(lang, 'plannedLandUse')}</label>
      <select
        id={`${formId}-land-use`}
        value={attributes.plannedLandUse}
        required
        onChange={(event) => setAttributes(id, { plannedLandUse: event.target.value })}
      >
        {landUseChoices(attributes.plannedLandUse).map((code) => (
          <option key={code} value={code}>
            {`${landUseName(code, lang)}${bracketed(lang, code)}`}
          </option>
        ))}
      </select>
      <label htmlFor={`${formId}-notes`}>{tz(lang, 'notes')}</label>
      <textarea
        id={`${formId}-notes`}
        value={attributes.notes}
        rows={2}
        onChange={(event) => setAttributes(id, { notes: event.target.value })}
      />
      <button type="submit" className="zone-primary" disabled={saving}>
        {saving ? tz(lang, 'saving') : tz(lang, 'saveZone')}
      </button>
    </form>
  );
}

function ZoneList({ controller }: { controller: ZoneDrawController }) {
  const lang = useAtlas((state) => state.lang);
  const history = useAtlas((state) => state.drawing.history);
  const records = useAtlas((state) => state.drawing.records);
  const selectedId = useAtlas((state) => selectedZoneId(state.selection));
  const areasM2 = useAtlas((state) => state.drawing.areasM2);
  const zones = useMemo(() => presentZones({ history, records }), [history, records]);
  return (
    <section className="zone-list" aria-label={tz(lang, 'zones')}>
      <h3>{tz(lang, 'zones')}</h3>
      {zones.length === 0 ? (
        <p>{tz(lang, 'noZones')}</p>
      ) : (
        <ul>
          {zones.map((zone) => {
            const name = zone.attributes.name || tz(lang, 'unnamed');
            return (
              <li key={zone.drawId} aria-current={zone.drawId === selectedId ? 'true' : undefined}>
                <button
                  type="button"
                  className="zone-list-name"
                  onClick={() => controller.selectZone(zone.drawId)}
                >
                  <span className="zone-name">{name}</span>{' '}
                  <span className="zone-list-area">{formatArea(areasM2[zone.drawId] ?? 0, lang).mu}</span>
                  {isDirty(zone) && (
                    <span className="zone-unsaved">{bracketed(lang, tz(lang, 'unsaved'))}</span>
                  )}
                </button>
                <button
                  type="button"
                  className="zone-tool"
                  aria-label={labelled(lang, tz(lang, 'zoomTo'), name)}
                  onClick={() => {
                    controller.selectZone(zone.drawId);
                    controller.zoomToZone(zone.geometry);
                  }}
                >
                  {tz(lang, 'zoomTo')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <button
        type="button"
        className="zone-tool"
        disabled={zones.length === 0}
        onClick={() => exportGeoJson(lang)}
      >
        {tz(lang, 'exportGeoJson')}
      </button>
      <ZoneSurveyTxt lang={lang} />
    </section>
  );
}

/** The selected zone's 勘测定界 TXT, once it is saved on the server. */
function ZoneSurveyTxt({ lang }: { lang: Lang }) {
  const serverId = useAtlas((state) => {
    const id = selectedZoneId(state.selection);
    return id ? (state.drawing.records[id]?.serverId ?? null) : null;
  });
  return serverId ? <SurveyTxtLink lang={lang} layer="zones" id={serverId} /> : null;
}

export function ZonePanel({ controller }: { controller: ZoneDrawController }) {
  const lang = useAtlas((state) => state.lang);
  const open = useAtlas((state) => state.drawing.open);
  const setOpen = useAtlas((state) => state.setDrawingOpen);
  const refusal = useAtlas((state) => state.drawing.refusal);
  const message = useAtlas((state) => state.drawing.message);
  const conflict = useAtlas((state) => state.drawing.conflict);
  if (!open) return null;
  return (
    <aside id={ZONE_PANEL_ID} className="zone-panel" aria-label={tz(lang, 'drawZones')}>
      <header className="zone-header">
        <h2>{tz(lang, 'drawZones')}</h2>
        <CloseButton label={tz(lang, 'closeZones')} onClick={() => setOpen(false)} />
      </header>
      <Toolbar controller={controller} />
      <div role="alert" className="zone-alert">
        {refusal ? refusalText(lang, refusal) : null}
      </div>
      <output
        className={message?.kind === 'error' ? 'zone-message zone-error' : 'zone-message'}
        aria-live="polite"
      >
        {message ? message.text[lang] : null}
      </output>
      {conflict && (
        <button type="button" className="zone-tool" onClick={() => takeServerCopy(controller)}>
          {tz(lang, 'takeServerCopy')}
        </button>
      )}
      <Readout />
      <Attributes controller={controller} />
      <ZoneList controller={controller} />
    </aside>
  );
}
