// The inspector: the picked feature's title, its ellipsoidal area (亩 first, then 公顷 and m²), the
// parks it lies in or crosses, for a plot the indicators that make it low-efficiency, then every
// attribute with its label; for a plot, the write actions the user's role allows and its inspection
// and change histories. Values are React text, never HTML.

import { type ComponentType, useRef } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { layerLabel, PROPERTY_LABELS, propertyLabel } from '../../domain/labels.ts';
import type { RelatedPark } from '../../geo/relate.ts';
import { bracketed, formatArea, formatValue } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import { type SelectedState, useAtlas, useSelection } from '../state/store.ts';
import { featureTitle } from '../ui/feature-title.ts';
import { SurveyTxtLink } from '../ui/survey-txt-link.tsx';
import { CoordinatesBlock } from './coordinates.tsx';
import { DeadlineBadge } from './deadline-badge.tsx';
import { ParkSummary } from './park-summary.tsx';
import { PlotIndicatorsBlock } from './plot-indicators.tsx';
import { ProjectStages } from './project-stages.tsx';
import '../ui/ui.css';
import './inspector.css';
import { CloseButton } from '../ui/close-button.tsx';
import { SheetHandle } from '../ui/sheet-handle.tsx';

/** The inspector's element id: the skip link's target. */
export const INSPECTOR_ID = 'inspector';

const KNOWN_ORDER = Object.keys(PROPERTY_LABELS);

function orderedProperties(properties: Record<string, unknown>): [string, unknown][] {
  const entries = Object.entries(properties);
  const rank = (name: string) => {
    const index = KNOWN_ORDER.indexOf(name);
    return index === -1 ? KNOWN_ORDER.length : index;
  };
  return entries.sort(([a], [b]) => rank(a) - rank(b));
}

function AreaBlock({ areaM2, lang }: { areaM2: number; lang: Lang }) {
  const area = formatArea(areaM2, lang);
  return (
    <section className="inspector-area" aria-label={t(lang, 'area')}>
      <h3>{t(lang, 'area')}</h3>
      <p className="area-mu" data-testid="area-mu">
        {area.mu}
      </p>
      <p className="area-others">
        <span>{area.ha}</span>
        <span>{area.m2}</span>
      </p>
      <p className="note">{t(lang, 'areaNote')}</p>
    </section>
  );
}

/**
 * The parks the feature lies in or crosses: as computed when the layers loaded, or for a feature of a
 * tiled layer when it was fetched.
 */
function ParksBlock({ related, lang }: { related: readonly RelatedPark[]; lang: Lang }) {
  return (
    <section className="inspector-parks">
      <h3>{t(lang, 'parksOfFeature')}</h3>
      {related.length === 0 ? (
        <p>{t(lang, 'noPark')}</p>
      ) : (
        <ul>
          {related.map((park) => (
            <li key={park.id}>
              <strong>{park.name}</strong>{' '}
              <span className={`relation relation-${park.relation}`}>{t(lang, park.relation)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A feature of a tiled layer while it is fetched, or why it could not be. */
function PendingFeature({
  selected,
  lang,
  onClose,
}: {
  selected: Extract<SelectedState, { status: 'loading' | 'failed' }>;
  lang: Lang;
  onClose: () => void;
}) {
  return (
    <>
      <header className="inspector-header">
        <div>
          <p className="layer-chip">{layerLabel(selected.layer, lang)}</p>
          <h2>
            <span className="feature-id">{selected.id}</span>
          </h2>
        </div>
        <CloseButton label={t(lang, 'closeInspector')} onClick={onClose} />
      </header>
      <div className="inspector-body">
        {selected.status === 'loading' ? (
          <p className="inspector-loading" role="status" aria-busy="true">
            {t(lang, 'featureLoading')}
          </p>
        ) : (
          <p className="form-error inspector-error" role="alert">
            {selected.error[lang]}
          </p>
        )}
      </div>
    </>
  );
}

/** The plot's inspection actions (inspect, edit) shown above its facts; given by the shell (the inspections feature). */
export type PlotActionsSlot = ComponentType<{
  lang: Lang;
  plotId: string;
  properties: Record<string, unknown>;
}>;
/** The plot's inspection and change histories shown below its attributes; given by the shell. */
export type PlotHistoriesSlot = ComponentType<{ lang: Lang; plotId: string; version: unknown }>;

/** The plot's 打印档案 (print dossier) button; given by the shell (the reports feature). */
export type PlotDossierSlot = ComponentType<{ lang: Lang; plotId: string }>;

/** The change history of a feature of another layer (a project, a zone); given by the shell. */
export type FeatureHistorySlot = ComponentType<{ lang: Lang; layer: string; id: string; version: unknown }>;

export interface InspectorProps {
  plotActions: PlotActionsSlot;
  plotHistories: PlotHistoriesSlot;
  plotDossier?: PlotDossierSlot;
  featureHistory?: FeatureHistorySlot;
}

export function Inspector({
  plotActions: PlotActions,
  plotHistories: PlotHistories,
  plotDossier: PlotDossier,
  featureHistory: FeatureHistory,
}: InspectorProps) {
  const lang = useAtlas((state) => state.lang);
  const clearSelection = useAtlas((state) => state.clearSelection);
  const snap = useAtlas((state) => state.sheetSnap);
  const sheet = useRef<HTMLElement>(null);
  const parks = useAtlas((state) => state.layers.parks);
  const selection = useSelection();
  const selected = selection.status === 'ready' ? selection : null;

  const heading = selected ? featureTitle(selected.layer, selected.feature, lang) : null;
  const areaM2 = selected?.areaM2 ?? 0;
  const isPoint = selected?.feature.geometry?.type === 'Point';
  const properties = (selected?.feature.properties ?? {}) as Record<string, unknown>;

  const valueText = (name: string, value: unknown): string => {
    if (name === 'parkId' && typeof value === 'string') {
      const park = parks?.byId.get(value);
      if (park?.properties?.name) return `${park.properties.name}${bracketed(lang, value)}`;
    }
    return formatValue(name, value, lang);
  };

  return (
    <>
      {/* Before the sheet, not in it: a handle is no part of what the inspector says. */}
      {selection.status !== 'none' && <SheetHandle sheet={sheet} controls={INSPECTOR_ID} lang={lang} />}
      <aside
        id={INSPECTOR_ID}
        ref={sheet}
        tabIndex={-1}
        className={selection.status !== 'none' ? 'inspector has-selection' : 'inspector'}
        data-snap={snap}
        aria-label={t(lang, 'inspector')}
      >
        {selection.status === 'loading' || selection.status === 'failed' ? (
          <PendingFeature selected={selection} lang={lang} onClose={clearSelection} />
        ) : !selected || !heading ? (
          <div className="inspector-empty">
            <h2>{t(lang, 'inspector')}</h2>
            <p>{t(lang, 'inspectorEmpty')}</p>
          </div>
        ) : (
          <>
            <header className="inspector-header">
              <div>
                <p className="layer-chip">{layerLabel(selected.layer, lang)}</p>
                <h2>
                  <span className="feature-id">{heading.title}</span>
                  {heading.subtitle && <span className="feature-subtitle">{heading.subtitle}</span>}
                </h2>
                <DeadlineBadge layer={selected.layer} properties={properties} lang={lang} />
              </div>
              <CloseButton label={t(lang, 'closeInspector')} onClick={clearSelection} />
            </header>
            <div className="inspector-body">
              {selected.layer === 'plots' && PlotDossier && <PlotDossier lang={lang} plotId={selected.id} />}
              {selected.layer === 'plots' && (
                <PlotActions lang={lang} plotId={selected.id} properties={properties} />
              )}
              {isPoint ? (
                <CoordinatesBlock feature={selected.feature} lang={lang} />
              ) : (
                <AreaBlock areaM2={areaM2} lang={lang} />
              )}
              {selected.layer === 'plots' && <PlotIndicatorsBlock properties={properties} lang={lang} />}
              {selected.layer === 'projects' && (
                <ProjectStages projectId={selected.id} properties={properties} lang={lang} />
              )}
              {selected.layer === 'parks' && <ParkSummary parkId={selected.id} lang={lang} />}
              {selected.parks && <ParksBlock related={selected.parks} lang={lang} />}
              <section className="inspector-attributes">
                <h3>{t(lang, 'attributes')}</h3>
                <dl>
                  {orderedProperties(properties).map(([name, value]) => (
                    <div key={name} className="attribute">
                      <dt>{propertyLabel(name, lang)}</dt>
                      <dd>{valueText(name, value)}</dd>
                    </div>
                  ))}
                </dl>
              </section>
              {!isPoint && (
                <p className="inspector-export">
                  <SurveyTxtLink lang={lang} layer={selected.layer} id={selected.id} />
                </p>
              )}
              {selected.layer === 'plots' && (
                <PlotHistories lang={lang} plotId={selected.id} version={properties.version} />
              )}
              {(selected.layer === 'zones' || selected.layer === 'projects') && FeatureHistory && (
                <FeatureHistory
                  lang={lang}
                  layer={selected.layer}
                  id={selected.id}
                  version={properties.version}
                />
              )}
            </div>
          </>
        )}
      </aside>
    </>
  );
}
