// Layer styles as typed constants (as react-map-gl's examples keep map-style.ts), and the colours the
// legend explains. Labels are drawn by MapLibre from local fonts: the style has no `glyphs` URL, so
// MapLibre 6 rasterises every glyph with the browser's own fonts and requests nothing.
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { LayerProps } from 'react-map-gl/maplibre';
import { addDays } from '../../domain/dates.ts';
import { type DeadlineState, DUE_SOON_DAYS, STAGE_PLANNED_PROPERTY } from '../../domain/deadlines.ts';
import type { ShareClass } from '../../domain/landuse.ts';
import {
  type PlotGrade,
  type PlotStatus,
  PROJECT_STAGES,
  type ProjectStage,
  STAGE_DATE_PROPERTY,
} from '../../domain/layers.ts';

export const LABEL_FONT = ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC'];

export const STATUS_COLOURS: Record<PlotStatus, string> = {
  identified: '#d7301f',
  inspected: '#f08c00',
  rectifying: '#1f6fd1',
  completed: '#1b8a3a',
};

export const GRADE_COLOURS: Record<PlotGrade, string> = {
  A: '#1b8a3a',
  B: '#8cc63f',
  C: '#f5a623',
  D: '#d7301f',
};

export const STAGE_COLOURS: Record<ProjectStage, string> = {
  signed: '#8e44ad',
  listed: '#3949ab',
  delivered: '#0288d1',
  started: '#ef6c00',
  producing: '#2e7d32',
  registered: '#00695c',
};

export const SHARE_COLOURS: Record<ShareClass, string> = {
  manufacturing: '#a0522d',
  infrastructure: '#607d8b',
  other: '#e0c341',
};

/** 按期限着色: overdue red, due within 30 days amber, on track green, no date grey. */
export const DEADLINE_COLOURS: Record<DeadlineState, string> = {
  overdue: '#d32f2f',
  'due-soon': '#f59f00',
  'on-track': '#2e7d32',
  none: '#9e9e9e',
};

export const BOUNDARY_COLOUR = '#4e342e';
/** Redevelopment zones (改造片区): the drawing tool's colour. */
export const ZONE_COLOUR = '#c2410c';
export const PARK_COLOUR = '#6a1b9a';
const SELECTION_COLOUR = '#00e5ff';
const UNKNOWN_COLOUR = '#9e9e9e';

/**
 * A property as the map should colour it: the feature state of that name when set (an edit of a tiled
 * layer, shown at once, before the layer's new tiles arrive), else the feature's own property (a tile's
 * or a GeoJSON feature's: there the state is never set, so both paths share these expressions).
 */
function live(property: string): ExpressionSpecification {
  return ['coalesce', ['feature-state', property], ['get', property]];
}

function matchColour(property: string, colours: Record<string, string>): ExpressionSpecification {
  const pairs = Object.entries(colours).flat();
  return ['match', live(property), ...pairs, UNKNOWN_COLOUR] as unknown as ExpressionSpecification;
}

/** The properties an edit may change that the colours read: set as feature state on a tiled layer. */
export const LIVE_PROPERTIES = ['status', 'grade', 'stage'] as const;
/** Dates the deadline colours read: set as feature state too ('' for none, so a removed date shows). */
export const LIVE_DATES = ['deadline', 'earliestDue', 'nextDue'] as const;

// 按期限着色. Dates are YYYY-MM-DD strings (validated on every write), so text order is date order and
// MapLibre compares them with today's date, written into the expression: tiles carry only dates that
// do not depend on today (tile-properties.ts), and stay the same for a layer revision.
const text = (value: ExpressionSpecification): ExpressionSpecification => ['to-string', value];

type DueState = keyof typeof DEADLINE_COLOURS;
/** A condition and the state it decides, tried before the ladder's own steps. */
type DueCase = [condition: ExpressionSpecification, state: DueState];

const dueCases = (cases: readonly DueCase[]): unknown[] =>
  cases.flatMap(([condition, state]) => [condition, DEADLINE_COLOURS[state]]);

/**
 * The due ladder of 按期限着色 for one due date (a YYYY-MM-DD text expression, '' for none): no date
 * grey, before today red, within DUE_SOON_DAYS amber, later green (domain/deadlines.ts dueState).
 * `first` cases are tried before the ladder, `dated` ones once the date is known to be set.
 */
export function dueColour(
  date: ExpressionSpecification,
  today: string,
  { first = [], dated = [] }: { first?: readonly DueCase[]; dated?: readonly DueCase[] } = {},
): ExpressionSpecification {
  return [
    'case',
    ...dueCases(first),
    ['==', date, ''],
    DEADLINE_COLOURS.none,
    ...dueCases(dated),
    ['<', date, today],
    DEADLINE_COLOURS.overdue,
    ['<=', date, addDays(today, DUE_SOON_DAYS)],
    DEADLINE_COLOURS['due-soon'],
    DEADLINE_COLOURS['on-track'],
  ] as unknown as ExpressionSpecification;
}

/** A plot by its rectification deadline (domain/deadlines.ts plotDeadline), as of `today`. */
export function plotDeadlineColour(today: string): ExpressionSpecification {
  return [
    'let',
    'deadline',
    text(live('deadline')),
    dueColour(['var', 'deadline'], today, { dated: [[['==', live('status'), 'completed'], 'on-track']] }),
  ];
}

/**
 * A project by its milestones (domain/deadlines.ts projectSchedule), as of `today`, from its own
 * properties (a GeoJSON layer): overdue when a milestone not reached was planned before today, else
 * by the planned date of the next milestone.
 */
export function projectDeadlineColour(today: string): ExpressionSpecification {
  const actual = (stage: ProjectStage) => text(['get', STAGE_DATE_PROPERTY[stage]]);
  const planned = (stage: ProjectStage) => text(['get', STAGE_PLANNED_PROPERTY[stage]]);
  const overdue: ExpressionSpecification = [
    'any',
    ...PROJECT_STAGES.map(
      (stage): ExpressionSpecification => [
        'all',
        ['==', actual(stage), ''],
        ['!=', planned(stage), ''],
        ['<', planned(stage), today],
      ],
    ),
  ] as ExpressionSpecification;
  const next = [
    'case',
    ...PROJECT_STAGES.flatMap((stage) => [['==', actual(stage), ''], planned(stage)]),
    'reached-all',
  ] as unknown as ExpressionSpecification;
  return [
    'let',
    'next',
    next,
    dueColour(['var', 'next'], today, {
      first: [
        [overdue, 'overdue'],
        [['==', ['var', 'next'], 'reached-all'], 'on-track'],
      ],
    }),
  ];
}

/**
 * The same for a project of a tiled layer, from the due dates the tiles carry (earliestDue, nextDue,
 * reachedAll: tile-properties.ts derivedTileProperties; a density point carries the earliest of each).
 */
export function tiledProjectDeadlineColour(today: string): ExpressionSpecification {
  return [
    'let',
    'earliest',
    text(live('earliestDue')),
    'next',
    text(live('nextDue')),
    dueColour(['var', 'next'], today, {
      first: [
        [['all', ['!=', ['var', 'earliest'], ''], ['<', ['var', 'earliest'], today]], 'overdue'],
        [['==', ['get', 'reachedAll'], true], 'on-track'],
      ],
    }),
  ];
}

const shareClassColour: ExpressionSpecification = [
  'case',
  ['==', ['slice', ['to-string', ['get', 'landUse']], 0, 4], '1001'],
  SHARE_COLOURS.manufacturing,
  ['in', ['slice', ['to-string', ['get', 'landUse']], 0, 2], ['literal', ['12', '13']]],
  SHARE_COLOURS.infrastructure,
  SHARE_COLOURS.other,
];

/** Empty anchors that keep basemaps under the data and the data under the selection. */
export const ANCHOR_BASEMAP = 'anchor-basemap';
export const ANCHOR_DATA = 'anchor-data';

/**
 * The offline style: a background and two invisible anchors; no sources, no glyphs, no sprite. Paint
 * changes take effect in the next frame (no 300 ms fade): a table filter shows at once (kept-filter.ts).
 */
export const BASE_STYLE: StyleSpecification = {
  version: 8,
  transition: { duration: 0, delay: 0 },
  sources: {},
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#dde3e8' } },
    { id: ANCHOR_BASEMAP, type: 'background', layout: { visibility: 'none' } },
    { id: ANCHOR_DATA, type: 'background', layout: { visibility: 'none' } },
  ],
};

const isPolygon: ExpressionSpecification = [
  'in',
  ['geometry-type'],
  ['literal', ['Polygon', 'MultiPolygon']],
];
const isPoint: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]];

/**
 * Fills drawn without antialiasing: every filled layer has a line layer over its edges, and an
 * antialiased fill costs a second shader program (fill outline) for each of its colourings, compiled
 * the first time it draws — under software WebGL the largest part of the map's start.
 */
const FILL_EDGES_DRAWN_BY_LINES = { 'fill-antialias': false } as const;

const labelLayout = {
  'text-font': LABEL_FONT,
  'text-size': 13,
  'text-max-width': 10,
} as const;

export const boundaryFill: LayerProps = {
  id: 'boundary-fill',
  type: 'fill',
  paint: { 'fill-color': '#fbf8f0', 'fill-opacity': 0.85, ...FILL_EDGES_DRAWN_BY_LINES },
};
export const boundaryCasing: LayerProps = {
  id: 'boundary-casing',
  type: 'line',
  paint: { 'line-color': '#8d6e63', 'line-width': 7, 'line-opacity': 0.25 },
};
export const boundaryLine: LayerProps = {
  id: 'boundary-line',
  type: 'line',
  paint: { 'line-color': BOUNDARY_COLOUR, 'line-width': 2 },
};

export const parksFill: LayerProps = {
  id: 'parks-fill',
  type: 'fill',
  paint: { 'fill-color': PARK_COLOUR, 'fill-opacity': 0.07, ...FILL_EDGES_DRAWN_BY_LINES },
};
export const parksLine: LayerProps = {
  id: 'parks-line',
  type: 'line',
  paint: { 'line-color': PARK_COLOUR, 'line-width': 2 },
};
export const parksLabel: LayerProps = {
  id: 'parks-label',
  type: 'symbol',
  layout: { ...labelLayout, 'text-field': ['get', 'name'], 'text-size': 14 },
  paint: { 'text-color': '#4a148c', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
};

export const newlandFill: LayerProps = {
  id: 'newland-fill',
  type: 'fill',
  paint: { 'fill-color': shareClassColour, 'fill-opacity': 0.55, ...FILL_EDGES_DRAWN_BY_LINES },
};
export const newlandLine: LayerProps = {
  id: 'newland-line',
  type: 'line',
  paint: { 'line-color': shareClassColour, 'line-width': 1.5 },
};

/**
 * A zone is drawn in two parts so that the plots in it keep their legend colours: a light fill under
 * the new land and the plots (the zone's area reads where no plot is), and its dashed outline and name
 * above them (never a fill over a plot).
 */
export const zonesFill: LayerProps = {
  id: 'zones-fill',
  type: 'fill',
  paint: { 'fill-color': ZONE_COLOUR, 'fill-opacity': 0.14 },
};
export const zonesLine: LayerProps = {
  id: 'zones-line',
  type: 'line',
  source: 'zones',
  paint: { 'line-color': ZONE_COLOUR, 'line-width': 2.5, 'line-dasharray': [3, 1.5] },
};
export const zonesLabel: LayerProps = {
  id: 'zones-label',
  type: 'symbol',
  source: 'zones',
  minzoom: 12,
  layout: { ...labelLayout, 'text-field': ['get', 'name'], 'text-size': 13 },
  paint: { 'text-color': '#7c2d12', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
};

const plotColourByStatus = matchColour('status', STATUS_COLOURS);
const plotColourByGrade = matchColour('grade', GRADE_COLOURS);
const plotPaint = (colour: ExpressionSpecification) => ({
  'fill-color': colour,
  'fill-opacity': 0.6,
  ...FILL_EDGES_DRAWN_BY_LINES,
});
export const plotsFillByStatus: LayerProps = {
  id: 'plots-fill',
  type: 'fill',
  paint: plotPaint(plotColourByStatus),
};
export const plotsFillByGrade: LayerProps = {
  id: 'plots-fill',
  type: 'fill',
  paint: plotPaint(plotColourByGrade),
};
/** The plots' fill by deadline as of `today`. */
export const plotsFillByDeadline = (today: string): LayerProps => ({
  id: 'plots-fill',
  type: 'fill',
  paint: plotPaint(plotDeadlineColour(today)),
});
export const plotsLine: LayerProps = {
  id: 'plots-line',
  type: 'line',
  paint: { 'line-color': '#263238', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 15, 1.5] },
};
/** From this zoom the plots' ids are drawn. */
export const PLOT_LABEL_MINZOOM = 14;
export const plotsLabel: LayerProps = {
  id: 'plots-label',
  type: 'symbol',
  minzoom: PLOT_LABEL_MINZOOM,
  layout: { ...labelLayout, 'text-field': ['get', 'id'], 'text-size': 11 },
  paint: { 'text-color': '#212121', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
};

const stageColour = matchColour('stage', STAGE_COLOURS);
export const projectsFill: LayerProps = {
  id: 'projects-fill',
  type: 'fill',
  filter: isPolygon,
  paint: { 'fill-color': stageColour, 'fill-opacity': 0.5, ...FILL_EDGES_DRAWN_BY_LINES },
};
export const projectsLine: LayerProps = {
  id: 'projects-line',
  type: 'line',
  filter: isPolygon,
  paint: { 'line-color': stageColour, 'line-width': 2 },
};
const projectCirclePaint = {
  'circle-color': stageColour,
  'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 5, 14, 9] as ExpressionSpecification,
  'circle-stroke-color': '#ffffff',
  'circle-stroke-width': 2,
};
export const projectsCircle: LayerProps = {
  id: 'projects-circle',
  type: 'circle',
  filter: isPoint,
  paint: projectCirclePaint,
};
/** The projects' layers coloured by `colour` (by deadline) in place of their stage. */
export function projectsColouredBy(colour: ExpressionSpecification): {
  fill: LayerProps;
  line: LayerProps;
  circle: LayerProps;
} {
  return {
    fill: { ...projectsFill, paint: { 'fill-color': colour, 'fill-opacity': 0.5 } } as LayerProps,
    line: { ...projectsLine, paint: { 'line-color': colour, 'line-width': 2 } } as LayerProps,
    circle: {
      ...projectsCircle,
      paint: { ...projectCirclePaint, 'circle-color': colour },
    } as LayerProps,
  };
}
export const projectsLabel: LayerProps = {
  id: 'projects-label',
  type: 'symbol',
  minzoom: 11,
  layout: {
    ...labelLayout,
    'text-field': ['get', 'name'],
    'text-size': 12,
    'text-offset': [0, 1.2],
    'text-anchor': 'top',
  },
  paint: { 'text-color': '#1a237e', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
};

/**
 * A tiled layer's parcels too small to draw at this zoom come as points (the `<layer>-points` tile
 * layer, src/server/tiles/README.md): drawn as dots in the colour their outline would have. Where many
 * lie close together the tiles send one density point with their `count`: a little larger (by the log
 * of the count, so a crowded area reads as crowded without covering its neighbours).
 */
const dotRadius = (base: number): ExpressionSpecification => [
  '+',
  base,
  ['*', 0.6, ['ln', ['max', 1, ['to-number', ['get', 'count'], 1]]]],
];
const dots = (id: string, colour: ExpressionSpecification | string): LayerProps => ({
  id,
  type: 'circle',
  paint: {
    'circle-color': colour,
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, dotRadius(1.5), 12, dotRadius(3)],
    'circle-opacity': 0.9,
  },
});
export const plotsDotsByStatus = dots('plots-dots', plotColourByStatus);
export const plotsDotsByGrade = dots('plots-dots', plotColourByGrade);
export const projectsDots = dots('projects-dots', stageColour);
export const plotsDotsByDeadline = (today: string) => dots('plots-dots', plotDeadlineColour(today));
export const projectsDotsByDeadline = (today: string) =>
  dots('projects-dots', tiledProjectDeadlineColour(today));
export const newlandDots = dots('newland-dots', shareClassColour);

export const selectionCasing: LayerProps = {
  id: 'selection-casing',
  type: 'line',
  paint: { 'line-color': '#000000', 'line-width': 7 },
};
export const selectionLine: LayerProps = {
  id: 'selection-line',
  type: 'line',
  paint: { 'line-color': SELECTION_COLOUR, 'line-width': 4 },
};
export const selectionPoint: LayerProps = {
  id: 'selection-point',
  type: 'circle',
  filter: isPoint,
  paint: {
    'circle-radius': 13,
    'circle-color': 'rgba(0,0,0,0)',
    'circle-stroke-color': SELECTION_COLOUR,
    'circle-stroke-width': 4,
  },
};

/** The map layers a click or tap can pick, by data layer (the dots exist only for a tiled layer). */
export const PICKABLE_LAYERS = {
  parks: ['parks-fill'],
  zones: ['zones-fill'],
  newland: ['newland-fill', 'newland-dots'],
  plots: ['plots-fill', 'plots-dots'],
  projects: ['projects-fill', 'projects-circle', 'projects-dots'],
} as const;

/** The pickable layers drawn as small circles: a tap near one (not only on it) picks it. */
export const POINT_LAYERS: readonly string[] = [
  'projects-circle',
  'plots-dots',
  'projects-dots',
  'newland-dots',
];
