// 地块档案 / A plot's dossier: one A4 page to print (or save as PDF through the browser's print) — a map
// extract with the plot's outline, its neighbours and the parks, and a scale bar; the attributes with
// their labels; the ellipsoidal area in 亩, 公顷 and m²; the indicators against the identification
// rules; the deadline; the inspection records with their photos and the summary of changes (the
// inspections feature's own lists, passed in by the shell); and a line for the signatures.
//
// The map extract is an SVG drawn from the geometry (src/geo/map-extract.ts), not a snapshot of the
// MapLibre canvas: it prints as sharp lines at any resolution, its scale is exact and stated, it needs
// no tiles or WebGL to have finished drawing, and it works the same for a plot of a tiled layer (the
// plot and its neighbours are fetched by id and by box).
import type { Feature, Geometry } from 'geojson';
import { type ComponentType, useEffect, useId, useRef, useState } from 'react';
import { todayInChina } from '../../domain/dates.ts';
import { plotDeadline } from '../../domain/deadlines.ts';
import { featureId } from '../../domain/feature-id.ts';
import type { Lang } from '../../domain/i18n.ts';
import { PROPERTY_LABELS, propertyLabel } from '../../domain/labels.ts';
import { evaluateRules, type RuleFailure, type RuleKey, yearsSince } from '../../domain/rules.ts';
import { formatNumber } from '../../domain/units.ts';
import { geometryAreaM2 } from '../../geo/area.ts';
import { type MapExtract, mapExtract } from '../../geo/map-extract.ts';
import { parksOfFeature } from '../../geo/relate.ts';
import { errorText } from '../api/client.ts';
import { getFeature, getFeaturesInBox } from '../api/endpoints.ts';
import { formatArea, formatPercent, formatPerMu, formatValue } from '../i18n/format.ts';
import { useRules } from '../state/settings.ts';
import { useAtlas } from '../state/store.ts';
import { CloseButton } from '../ui/close-button.tsx';
import { usePrintClass } from './print.ts';
import { tr } from './strings.ts';
import './report.css';
import './dossier.css';

/** The plot's inspection records and changes, as the inspections feature lists them (a slot). */
export type DossierHistoriesSlot = ComponentType<{ lang: Lang; plotId: string; version: unknown }>;

const MAP_WIDTH = 180;
const MAP_HEIGHT = 100;

type Loaded =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'done'; plot: Feature; neighbours: Feature[] };

function boxOf(geometry: Geometry | null): [number, number, number, number] | null {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown) => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      const [x, y] = value as number[];
      box[0] = Math.min(box[0], x as number);
      box[1] = Math.min(box[1], y as number);
      box[2] = Math.max(box[2], x as number);
      box[3] = Math.max(box[3], y as number);
    } else for (const item of value) visit(item);
  };
  if (geometry && 'coordinates' in geometry) visit(geometry.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}

/** The plot (by id: tiled or not) and the plots whose boxes meet the extract's frame around it. */
function useDossierData(plotId: string, lang: Lang): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ status: 'loading' });
    (async () => {
      const plot = (await getFeature('plots', plotId, controller.signal)) as unknown as Feature;
      const box = boxOf(plot.geometry);
      let neighbours: Feature[] = [];
      if (box) {
        const [w, s, e, n] = box;
        const dx = Math.max(e - w, n - s);
        const around = [w - dx, s - dx, e + dx, n + dx];
        const answer = await getFeaturesInBox('plots', around, controller.signal);
        neighbours = (answer.features as unknown as Feature[]).filter(
          (feature) => featureId(feature) !== plotId,
        );
      }
      setLoaded({ status: 'done', plot, neighbours });
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) setLoaded({ status: 'failed', message: errorText(error, lang) });
    });
    return () => controller.abort();
  }, [plotId, lang]);
  return loaded;
}

function MapExtractFigure({ extract, lang }: { extract: MapExtract; lang: Lang }) {
  const bar = extract.scaleBar;
  return (
    <figure className="dossier-map">
      <svg
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        width={`${MAP_WIDTH}mm`}
        height={`${MAP_HEIGHT}mm`}
        role="img"
        aria-label={tr(lang, 'mapExtract')}
      >
        <rect
          x="0"
          y="0"
          width={MAP_WIDTH}
          height={MAP_HEIGHT}
          fill="#fbf8f0"
          stroke="#263238"
          strokeWidth="0.3"
        />
        {extract.parks.map((park) => (
          <path
            key={park.id}
            d={park.d}
            fill="none"
            stroke="#6a1b9a"
            strokeWidth="0.5"
            strokeDasharray="2 1"
          />
        ))}
        {extract.neighbours.map((neighbour) => (
          <path key={neighbour.id} d={neighbour.d} fill="#eceff1" stroke="#607d8b" strokeWidth="0.25" />
        ))}
        <path
          d={extract.plot}
          fill="rgba(215,48,31,0.18)"
          stroke="#b3261e"
          strokeWidth="0.9"
          fillRule="evenodd"
        />
        <g transform={`translate(6 ${MAP_HEIGHT - 8})`}>
          <rect x="-2" y="-5" width={bar.length + 14} height="10" fill="#fff" opacity="0.85" />
          <path d={`M0 0H${bar.length}M0 -1.5V1.5M${bar.length} -1.5V1.5`} stroke="#111" strokeWidth="0.5" />
          <text x={bar.length + 2} y="1.2" fontSize="3.2">
            {bar.label}
          </text>
        </g>
        <g transform={`translate(${MAP_WIDTH - 8} 10)`}>
          <path d="M0 -6L2.5 1H-2.5Z" fill="#111" />
          <text x="0" y="5" fontSize="3.2" textAnchor="middle">
            {lang === 'zh' ? '北' : 'N'}
          </text>
        </g>
      </svg>
      <figcaption>
        {tr(lang, 'mapScale', { n: formatNumber(extract.scaleDenominator, 0) })} · {tr(lang, 'mapLegend')}
      </figcaption>
    </figure>
  );
}

function ruleFigure(rule: RuleKey, value: number, lang: Lang): string {
  if (rule === 'buildingDensity') return formatPercent(value);
  if (rule === 'taxPerMu' || rule === 'outputPerMu') return formatPerMu(value, lang);
  if (rule === 'idle') return `${formatNumber(value)} ${lang === 'zh' ? '年' : 'years'}`;
  return formatNumber(value);
}

function RulesTable({
  properties,
  lang,
  today,
}: {
  properties: Record<string, unknown>;
  lang: Lang;
  today: string;
}) {
  const rules = useRules();
  const verdict = evaluateRules(properties, rules, today);
  const failures = new Map<RuleKey, RuleFailure>(verdict.failures.map((failure) => [failure.rule, failure]));
  const labelOf = (rule: RuleKey) => (rule === 'idle' ? tr(lang, 'idleYears') : propertyLabel(rule, lang));
  const barOf = (rule: RuleKey): string => {
    const failure = failures.get(rule);
    if (failure) return `${rule === 'idle' ? '<' : '≥'} ${ruleFigure(rule, failure.bar, lang)}`;
    if (rule === 'taxPerMu' && rules.taxPerMuMin !== null)
      return `≥ ${ruleFigure(rule, rules.taxPerMuMin, lang)}`;
    if (rule === 'outputPerMu' && rules.outputPerMuMin !== null)
      return `≥ ${ruleFigure(rule, rules.outputPerMuMin, lang)}`;
    if (rule === 'idle' && rules.idleYearsMax !== null)
      return `< ${ruleFigure(rule, rules.idleYearsMax, lang)}`;
    const bars = rule === 'far' ? rules.farMin : rule === 'buildingDensity' ? rules.buildingDensityMin : {};
    const code = String(properties.landUse ?? '');
    const prefix = Object.keys(bars)
      .filter((key) => code.startsWith(key))
      .sort((a, b) => b.length - a.length)[0];
    return prefix ? `≥ ${ruleFigure(rule, bars[prefix] as number, lang)}` : '—';
  };
  const figureOf = (rule: RuleKey): string => {
    const failure = failures.get(rule);
    if (failure) return ruleFigure(rule, failure.value, lang);
    const raw = rule === 'idle' ? yearsSince(properties.idleSince, today) : properties[rule];
    return typeof raw === 'number' ? ruleFigure(rule, raw, lang) : '—';
  };
  return (
    <section className="dossier-section">
      <h3>{tr(lang, 'rulesHeading')}</h3>
      <table className="report-table dossier-rules">
        <thead>
          <tr>
            <th scope="col">{tr(lang, 'rule')}</th>
            <th scope="col">{tr(lang, 'value')}</th>
            <th scope="col">{tr(lang, 'bar')}</th>
            <th scope="col">{tr(lang, 'verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {(['far', 'buildingDensity', 'taxPerMu', 'outputPerMu', 'idle'] as const).map((rule) => (
            <tr key={rule} className={failures.has(rule) ? 'fails' : undefined}>
              <th scope="row">{labelOf(rule)}</th>
              <td>{figureOf(rule)}</td>
              <td>{barOf(rule)}</td>
              <td>
                {failures.has(rule)
                  ? `▼ ${tr(lang, 'fails')}`
                  : verdict.judged.includes(rule)
                    ? `✓ ${tr(lang, 'passes')}`
                    : tr(lang, 'notJudged')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {verdict.disagrees && <p className="dossier-warning">{tr(lang, 'disagrees')}</p>}
    </section>
  );
}

const ATTRIBUTE_ORDER = Object.keys(PROPERTY_LABELS);

export function Dossier({
  id,
  plotId,
  onClose,
  histories: Histories,
}: {
  id: string;
  plotId: string;
  onClose(): void;
  histories: DossierHistoriesSlot;
}) {
  const lang = useAtlas((state) => state.lang);
  const parks = useAtlas((state) => state.layers.parks);
  const user = useAtlas((state) => state.session.me?.user.username ?? '');
  const loaded = useDossierData(plotId, lang);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const today = todayInChina();
  usePrintClass('printing-dossier');

  useEffect(() => {
    heading.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const plot = loaded.status === 'done' ? loaded.plot : null;
  const properties = (plot?.properties ?? {}) as Record<string, unknown>;
  const parkFeatures = parks?.collection.features ?? [];
  const extract =
    plot?.geometry && loaded.status === 'done'
      ? mapExtract({
          plot: plot.geometry,
          neighbours: loaded.neighbours.map((feature) => ({
            id: featureId(feature) ?? '',
            geometry: feature.geometry,
          })),
          parks: parkFeatures.map((park) => ({ id: featureId(park) ?? '', geometry: park.geometry })),
          width: MAP_WIDTH,
          height: MAP_HEIGHT,
        })
      : null;
  const area = plot ? formatArea(geometryAreaM2(plot.geometry), lang) : null;
  const related = plot ? parksOfFeature(plot, parkFeatures) : [];
  const deadline = plot ? plotDeadline(properties, today) : null;
  const attributes = Object.entries(properties)
    .filter(([name]) => name !== 'version')
    .sort(([a], [b]) => {
      const rank = (name: string) => (ATTRIBUTE_ORDER.includes(name) ? ATTRIBUTE_ORDER.indexOf(name) : 999);
      return rank(a) - rank(b);
    });

  return (
    <div
      id={id}
      className="report-screen dossier-screen"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
    >
      <header className="report-toolbar no-print">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {tr(lang, 'dossierOf', { id: plotId })}
        </h2>
        <button
          type="button"
          className="primary-button report-action"
          disabled={!plot}
          onClick={() => window.print()}
        >
          {tr(lang, 'print')}
        </button>
        <CloseButton label={tr(lang, 'closeDossier')} onClick={onClose} />
      </header>
      {loaded.status === 'loading' && (
        <p role="status" aria-busy="true">
          {tr(lang, 'dossierLoading')}
        </p>
      )}
      {loaded.status === 'failed' && (
        <p className="form-error" role="alert">
          {loaded.message}
        </p>
      )}
      {plot && (
        <article className="dossier-page" aria-label={tr(lang, 'dossier')}>
          <header className="report-head">
            <p className="report-bureau">{tr(lang, 'bureau')}</p>
            <h1>
              {tr(lang, 'dossier')} <span className="dossier-id">{plotId}</span>
            </h1>
            <p className="report-dates">
              <span>{formatValue('enterprise', properties.enterprise, lang)}</span>
              <span>{tr(lang, 'printedBy', { user, today })}</span>
            </p>
          </header>
          {extract && <MapExtractFigure extract={extract} lang={lang} />}
          <div className="dossier-columns">
            <section className="dossier-section">
              <h3>{tr(lang, 'area')}</h3>
              <p className="dossier-area" data-testid="dossier-area">
                {area?.mu}
              </p>
              <p>
                {area?.ha} · {area?.m2}
              </p>
              <p>
                {tr(lang, 'park')}
                {lang === 'zh' ? '：' : ': '}
                {related.length === 0 ? tr(lang, 'noPark') : related.map((park) => park.name).join('、')}
              </p>
              {deadline?.deadline && (
                <p className={deadline.state === 'overdue' ? 'dossier-warning' : undefined}>
                  {tr(lang, 'deadline')}
                  {lang === 'zh' ? '：' : ': '}
                  {deadline.deadline}
                  {deadline.state === 'overdue' && ` ${tr(lang, 'overdueBy', { n: -(deadline.days ?? 0) })}`}
                  {deadline.state === 'due-soon' && ` ${tr(lang, 'dueIn', { n: deadline.days ?? 0 })}`}
                </p>
              )}
            </section>
            <RulesTable properties={properties} lang={lang} today={today} />
          </div>
          <section className="dossier-section">
            <h3>{tr(lang, 'attributes')}</h3>
            <dl className="dossier-attributes">
              {attributes.map(([name, value]) => (
                <div key={name}>
                  <dt>{propertyLabel(name, lang)}</dt>
                  <dd>{formatValue(name, value, lang)}</dd>
                </div>
              ))}
            </dl>
          </section>
          <div className="dossier-records">
            <Histories lang={lang} plotId={plotId} version={properties.version} />
          </div>
          <footer className="dossier-signatures">
            <span>{tr(lang, 'signatures')}</span>
            <span>{tr(lang, 'reviewer')}</span>
            <span>{tr(lang, 'signDate')}</span>
          </footer>
        </article>
      )}
    </div>
  );
}
