// The legend: what each colour means, for the layers that are shown, in the UI language.
import { DEADLINE_STATES } from '../../domain/deadlines.ts';
import type { Lang } from '../../domain/i18n.ts';
import { layerLabel, valueLabel } from '../../domain/labels.ts';
import { isTileable, PLOT_GRADES, PLOT_STATUSES, PROJECT_STAGES } from '../../domain/layers.ts';
import { t } from '../i18n/i18n.ts';
import * as styles from '../map/styles.ts';
import { useAtlas } from '../state/store.ts';
import { useToday } from '../state/today.ts';
import type { PlotColourMode } from '../state/ui-slice.ts';

interface Entry {
  key: string;
  colour: string;
  label: string;
  shape: 'fill' | 'line' | 'circle' | 'zone';
}

function LegendGroup({ title, entries, note }: { title: string; entries: Entry[]; note?: string }) {
  return (
    <div className="legend-group">
      <h3>{title}</h3>
      {note && <p className="note">{note}</p>}
      <ul>
        {entries.map((entry) => (
          <li key={entry.key}>
            <span
              className={`swatch swatch-${entry.shape}`}
              style={{ '--swatch': entry.colour } as React.CSSProperties}
              aria-hidden="true"
            />
            <span>{entry.label}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** 按期限着色: the four states, in the order of urgency. */
function deadlineEntries(lang: Lang, shape: Entry['shape']): Entry[] {
  return DEADLINE_STATES.map((state) => ({
    key: state,
    colour: styles.DEADLINE_COLOURS[state],
    label: t(lang, `deadline_${state}`),
    shape,
  }));
}

function plotEntries(lang: Lang, mode: PlotColourMode): Entry[] {
  if (mode === 'deadline') return deadlineEntries(lang, 'fill');
  if (mode === 'grade') {
    return PLOT_GRADES.map((grade) => ({
      key: grade,
      colour: styles.GRADE_COLOURS[grade],
      label: valueLabel('grade', grade, lang),
      shape: 'fill',
    }));
  }
  return PLOT_STATUSES.map((status) => ({
    key: status,
    colour: styles.STATUS_COLOURS[status],
    label: valueLabel('status', status, lang),
    shape: 'fill',
  }));
}

export function Legend() {
  const lang = useAtlas((state) => state.lang);
  const visibility = useAtlas((state) => state.visibility);
  const layers = useAtlas((state) => state.layers);
  const tiled = useAtlas((state) => state.tiled);
  const mode = useAtlas((state) => state.plotColourMode);
  const today = useToday();
  const deadlineNote = mode === 'deadline' ? t(lang, 'deadlineNote', { today }) : '';
  const shown = (layer: keyof typeof visibility) =>
    visibility[layer] && Boolean(layers[layer] || (isTileable(layer) && tiled[layer]));

  return (
    <section className="legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading" className="panel-heading">
        {t(lang, 'legend')}
      </h2>
      {shown('plots') && (
        <LegendGroup
          title={t(lang, 'legendPlots', {
            layer: layerLabel('plots', lang),
            mode: t(lang, mode === 'grade' ? 'byGrade' : mode === 'deadline' ? 'byDeadline' : 'byStatus'),
          })}
          entries={plotEntries(lang, mode)}
          note={
            [
              mode === 'grade' ? t(lang, 'gradeNote') : '',
              deadlineNote,
              tiled.plots ? t(lang, 'densityNote') : '',
            ]
              .filter(Boolean)
              .join(' ') || undefined
          }
        />
      )}
      {shown('projects') &&
        (mode === 'deadline' ? (
          <LegendGroup
            title={t(lang, 'legendDeadlineProjects', { layer: layerLabel('projects', lang) })}
            entries={deadlineEntries(lang, 'circle')}
          />
        ) : (
          <LegendGroup
            title={layerLabel('projects', lang)}
            entries={PROJECT_STAGES.map((stage) => ({
              key: stage,
              colour: styles.STAGE_COLOURS[stage],
              label: valueLabel('stage', stage, lang),
              shape: 'circle',
            }))}
          />
        ))}
      {shown('newland') && (
        <LegendGroup
          title={layerLabel('newland', lang)}
          entries={[
            {
              key: 'm',
              colour: styles.SHARE_COLOURS.manufacturing,
              label: t(lang, 'legendManufacturing'),
              shape: 'fill',
            },
            {
              key: 'i',
              colour: styles.SHARE_COLOURS.infrastructure,
              label: t(lang, 'legendInfrastructure'),
              shape: 'fill',
            },
            { key: 'o', colour: styles.SHARE_COLOURS.other, label: t(lang, 'legendOther'), shape: 'fill' },
          ]}
        />
      )}
      {shown('zones') && (
        <LegendGroup
          title={layerLabel('zones', lang)}
          entries={[{ key: 'zone', colour: styles.ZONE_COLOUR, label: t(lang, 'legendZone'), shape: 'zone' }]}
        />
      )}
      {(shown('parks') || shown('boundary')) && (
        <LegendGroup
          title={t(lang, 'legendOutlines')}
          entries={[
            ...(shown('parks')
              ? [
                  {
                    key: 'park',
                    colour: styles.PARK_COLOUR,
                    label: t(lang, 'legendPark'),
                    shape: 'line' as const,
                  },
                ]
              : []),
            ...(shown('boundary')
              ? [
                  {
                    key: 'city',
                    colour: styles.BOUNDARY_COLOUR,
                    label: t(lang, 'legendBoundary'),
                    shape: 'line' as const,
                  },
                ]
              : []),
          ]}
        />
      )}
    </section>
  );
}
