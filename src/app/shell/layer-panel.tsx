// The layer tree: a visibility checkbox per layer (named by the layer), the plot colour mode, and the
// basemap choice (offline by default; online basemaps say what they need).

import { BASEMAP_IDS, type BasemapId, needsKey } from '../../domain/basemaps.ts';
import { layerLabel } from '../../domain/labels.ts';
import { isTileable } from '../../domain/layers.ts';
import { t } from '../i18n/i18n.ts';
import { DATA_LAYERS } from '../state/layer-data.ts';
import { useAtlas } from '../state/store.ts';
import type { PlotColourMode } from '../state/ui-slice.ts';

const BASEMAP_KEYS = {
  none: 'basemapNone',
  osm: 'basemapOsm',
  'tdt-vec': 'basemapTdtVec',
  'tdt-img': 'basemapTdtImg',
} as const satisfies Record<BasemapId, string>;

const COLOUR_MODE_KEYS = {
  status: 'byStatus',
  grade: 'byGrade',
  deadline: 'byDeadline',
} as const satisfies Record<PlotColourMode, string>;

export function LayerPanel() {
  const lang = useAtlas((state) => state.lang);
  const layers = useAtlas((state) => state.layers);
  const tiled = useAtlas((state) => state.tiled);
  const visibility = useAtlas((state) => state.visibility);
  const setVisible = useAtlas((state) => state.setVisible);
  const colourMode = useAtlas((state) => state.plotColourMode);
  const setColourMode = useAtlas((state) => state.setPlotColourMode);

  return (
    <div className="layer-panel">
      <h2 id="layers-heading" className="panel-heading">
        {t(lang, 'layersPanel')}
      </h2>
      <ul className="layer-list" aria-labelledby="layers-heading">
        {[...DATA_LAYERS].reverse().map((layer) => {
          // A tiled layer is not held whole: its count is the server's (GET /api/layers).
          const count =
            layers[layer]?.collection.features.length ??
            (isTileable(layer) ? tiled[layer]?.count : undefined);
          const data = count !== undefined;
          const countId = `layer-count-${layer}`;
          return (
            <li key={layer}>
              <label className="check-row">
                <input
                  type="checkbox"
                  checked={visibility[layer] && data}
                  disabled={!data}
                  aria-describedby={countId}
                  onChange={(event) => setVisible(layer, event.target.checked)}
                />
                <span>{layerLabel(layer, lang)}</span>
              </label>
              <span className="layer-count" id={countId}>
                {count !== undefined
                  ? t(lang, count === 1 ? 'featureCountOne' : 'featureCount', { n: count })
                  : t(lang, 'notLoaded')}
              </span>
            </li>
          );
        })}
      </ul>

      <fieldset className="radio-group">
        <legend>{t(lang, 'colourMode')}</legend>
        <div role="radiogroup" aria-label={t(lang, 'colourMode')} className="segmented">
          {(['status', 'grade', 'deadline'] as PlotColourMode[]).map((mode) => (
            <label key={mode} className={mode === colourMode ? 'segment checked' : 'segment'}>
              <input
                type="radio"
                name="plot-colour-mode"
                value={mode}
                checked={mode === colourMode}
                onChange={() => setColourMode(mode)}
              />
              <span>{t(lang, COLOUR_MODE_KEYS[mode])}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The basemap choice: offline by default; the online ones say what they need. */
export function BasemapPanel() {
  const lang = useAtlas((state) => state.lang);
  const basemap = useAtlas((state) => state.basemap);
  const setBasemap = useAtlas((state) => state.setBasemap);
  const tiandituKey = useAtlas((state) => state.tiandituKey);
  const isAdmin = useAtlas((state) => state.session.me?.user.role === 'admin');
  return (
    <div className="basemap-panel">
      <fieldset className="radio-group">
        <legend>{t(lang, 'basemap')}</legend>
        <div role="radiogroup" aria-label={t(lang, 'basemap')} aria-describedby="basemap-note">
          {BASEMAP_IDS.map((id) => {
            const disabled = needsKey(id) && !tiandituKey;
            return (
              <label key={id} className={disabled ? 'check-row disabled' : 'check-row'}>
                <input
                  type="radio"
                  name="basemap"
                  value={id}
                  checked={basemap === id}
                  disabled={disabled}
                  onChange={() => setBasemap(id)}
                />
                <span>{t(lang, BASEMAP_KEYS[id])}</span>
              </label>
            );
          })}
        </div>
        <p className="note" id="basemap-note">
          {t(lang, 'basemapOnlineNote')}{' '}
          {tiandituKey ? null : t(lang, isAdmin ? 'tiandituNoKeyAdmin' : 'tiandituNoKey')}
        </p>
      </fieldset>
    </div>
  );
}
