// 按期限着色: the MapLibre expressions of the deadline colours, evaluated by MapLibre's own style-spec
// (expression.createExpression), give for every sample the colour of the state the domain computes
// (domain/deadlines.ts plotDeadline, projectSchedule) — on a GeoJSON layer from the feature's own
// properties, on a tiled one from the due dates the tiles carry (tile-properties.ts), with and without
// the feature state an edit sets (tiled.ts liveStateOf).
import { Color, expression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import {
  DEADLINE_COLOURS,
  dueColour,
  plotDeadlineColour,
  projectDeadlineColour,
  tiledProjectDeadlineColour,
} from '../../../src/app/map/styles.ts';
import { liveStateOf, tiledStyleLayers } from '../../../src/app/map/tiled.ts';
import { addDays } from '../../../src/domain/dates.ts';
import {
  dueState,
  plotDeadline,
  projectSchedule,
  STAGE_PLANNED_PROPERTY,
} from '../../../src/domain/deadlines.ts';
import { PROJECT_STAGES, STAGE_DATE_PROPERTY } from '../../../src/domain/layers.ts';
import { derivedTileProperties } from '../../../src/server/tiles/tile-properties.ts';

const TODAY = '2026-12-01';

function evaluator(spec: unknown) {
  const compiled = expression.createExpression(spec, {
    type: 'color',
    'property-type': 'data-driven',
    expression: { interpolated: false, parameters: ['zoom', 'feature', 'feature-state'] },
  } as never);
  if (compiled.result !== 'success') throw new Error(JSON.stringify(compiled.value));
  const { value } = compiled;
  return (properties: Record<string, unknown>, state: Record<string, unknown> = {}) => {
    const colour = value.evaluate({ zoom: 12 }, { type: 1, properties } as never, state as never);
    // A colour written as a literal may come back as written: compare colours, not spellings.
    return (typeof colour === 'string' ? Color.parse(colour) : (colour as Color))?.toString();
  };
}

/** The colour of a state, as MapLibre parses it. */
const paint = (state: keyof typeof DEADLINE_COLOURS) => Color.parse(DEADLINE_COLOURS[state])?.toString();

describe('the due ladder (dueColour)', () => {
  const colour = evaluator(dueColour(['to-string', ['get', 'due']], TODAY));
  it.each([
    ['no date', undefined, 'none'],
    ['an empty date', '', 'none'],
    ['yesterday', addDays(TODAY, -1), 'overdue'],
    ['today', TODAY, 'due-soon'],
    ['in 30 days', addDays(TODAY, 30), 'due-soon'],
    ['in 31 days', addDays(TODAY, 31), 'on-track'],
  ] as const)('%s: %s', (_name, due, state) => {
    expect(colour(due === undefined ? {} : { due })).toBe(paint(state));
    expect(dueState(due ? due : null, TODAY)).toBe(state);
  });

  it('tries the first cases before the ladder and the dated ones only when a date is set', () => {
    const due: ['to-string', ['get', string]] = ['to-string', ['get', 'due']];
    const held = ['==', ['get', 'held'], true] as never;
    const first = evaluator(dueColour(due, TODAY, { first: [[held, 'on-track']] }));
    const dated = evaluator(dueColour(due, TODAY, { dated: [[held, 'on-track']] }));
    expect(first({ held: true })).toBe(paint('on-track'));
    expect(dated({ held: true })).toBe(paint('none'));
    expect(dated({ held: true, due: addDays(TODAY, -5) })).toBe(paint('on-track'));
    expect(dated({ held: false, due: addDays(TODAY, -5) })).toBe(paint('overdue'));
  });
});

describe('plots by deadline', () => {
  const colour = evaluator(plotDeadlineColour(TODAY));
  const cases: [string, Record<string, unknown>][] = [
    ['passed yesterday', { status: 'rectifying', deadline: addDays(TODAY, -1) }],
    ['passed long ago (HS-DX-0008)', { status: 'rectifying', deadline: '2026-03-10' }],
    ['today', { status: 'identified', deadline: TODAY }],
    ['in 30 days', { status: 'inspected', deadline: addDays(TODAY, 30) }],
    ['in 31 days', { status: 'inspected', deadline: addDays(TODAY, 31) }],
    ['next year', { status: 'identified', deadline: '2027-06-28' }],
    ['none', { status: 'identified' }],
    ['null', { status: 'identified', deadline: null }],
    ['completed, passed', { status: 'completed', deadline: '2025-04-01' }],
    ['completed, none', { status: 'completed' }],
  ];
  it.each(cases)('%s: the colour of plotDeadline’s state', (_name, properties) => {
    expect(colour(properties)).toBe(paint(plotDeadline(properties, TODAY).state));
  });

  it('gives all four colours over these cases', () => {
    expect(new Set(cases.map(([, properties]) => plotDeadline(properties, TODAY).state)).size).toBe(4);
  });

  it('prefers the feature state an edit sets on a tiled layer; an emptied deadline turns grey', () => {
    const tile = { status: 'rectifying', deadline: '2026-03-10' };
    const edited = { status: 'rectifying', deadline: '2027-05-01' };
    expect(colour(tile, liveStateOf(edited))).toBe(paint('on-track'));
    expect(colour(tile, liveStateOf({ status: 'rectifying' }))).toBe(paint('none'));
  });

  it('is the expression of the tiled fill and dots in deadline mode', () => {
    const [fill, , dots] = tiledStyleLayers('plots', 'deadline', TODAY) as {
      paint: Record<string, unknown>;
    }[];
    expect(fill?.paint['fill-color']).toEqual(plotDeadlineColour(TODAY));
    expect(dots?.paint['circle-color']).toEqual(plotDeadlineColour(TODAY));
  });
});

describe('projects by next milestone', () => {
  const fromProperties = evaluator(projectDeadlineColour(TODAY));
  const fromTiles = evaluator(tiledProjectDeadlineColour(TODAY));

  /** A project that reached `reached` milestones, each planned `offsets[i]` days from today. */
  function project(reached: number, offsets: (number | null)[]): Record<string, unknown> {
    const properties: Record<string, unknown> = { stage: PROJECT_STAGES[Math.max(0, reached - 1)] };
    PROJECT_STAGES.forEach((stage, index) => {
      properties[STAGE_DATE_PROPERTY[stage]] = index < reached ? addDays(TODAY, -400 + index * 30) : null;
      const offset = offsets[index];
      if (offset !== null && offset !== undefined)
        properties[STAGE_PLANNED_PROPERTY[stage]] = addDays(TODAY, offset);
    });
    return properties;
  }

  const cases: [string, Record<string, unknown>][] = [
    ['next milestone overdue', project(2, [-420, -380, -3, 100, 400, 700])],
    ['a later milestone overdue, the next not', project(1, [-420, 10, -1, null, null, null])],
    ['next due in 12 days', project(3, [-420, -380, -350, 12, 300, 600])],
    ['next due in exactly 30 days', project(3, [-420, -380, -350, 30, 300, 600])],
    ['next in 31 days', project(3, [-420, -380, -350, 31, 300, 600])],
    ['next without a plan, later ones planned', project(2, [-420, -380, null, 100, 400, 700])],
    ['no plans at all', project(2, [null, null, null, null, null, null])],
    ['every milestone reached', project(6, [-420, -380, -350, -300, -200, -10])],
    ['nothing reached, signing due soon', project(0, [20, 80, 125, 305, 670, 1035])],
    ['reached late (no effect), next on track', project(4, [-500, -450, -420, -380, 200, 560])],
  ];

  it.each(cases)(
    '%s: the colour of projectSchedule’s state, from properties and from tiles',
    (_name, properties) => {
      const expected = paint(projectSchedule(properties, TODAY).state);
      expect(fromProperties(properties)).toBe(expected);
      const tile = { stage: properties.stage, ...derivedTileProperties('projects', properties) };
      // Tiles drop nulls (tile-index.ts keeps strings, numbers and booleans only).
      const kept = Object.fromEntries(Object.entries(tile).filter(([, value]) => value !== null));
      expect(fromTiles(kept)).toBe(expected);
    },
  );

  it('gives all four colours over these cases', () => {
    expect(new Set(cases.map(([, properties]) => projectSchedule(properties, TODAY).state)).size).toBe(4);
  });

  it('after an edit of a tiled project, its feature state (liveStateOf) decides', () => {
    const before = project(2, [-420, -380, -3, 100, 400, 700]);
    const tile = derivedTileProperties('projects', before);
    const replanned = project(2, [-420, -380, 20, 100, 400, 700]);
    expect(fromTiles(tile, liveStateOf(replanned))).toBe(paint('due-soon'));
    const unplanned = project(2, [null, null, null, null, null, null]);
    expect(fromTiles(tile, liveStateOf(unplanned))).toBe(paint('none'));
  });
});
