// Attack: bad input meant to crash or confuse the server — arrays nested 10 000 deep, a
// GeometryCollection nested 20 000 deep, impossible dates, 1e309, duplicate keys, broken or oversized
// JSON, a wrong content type. Each gets a clear bilingual 4xx naming what is wrong, and changes nothing.
import { describe, expect, it } from 'vitest';
import { collection, plotFeature } from '../helpers.ts';
import { featureState, serverForTests } from './data-support.ts';

const s = serverForTests();

const patchText = (text: string, contentType = 'application/json') =>
  s.planner.sendText('PATCH', '/api/features/plots/HS-T-0001', text, contentType);
const plotState = () => featureState(s.planner, 'plots', 'HS-T-0001');

function expectBilingual(body: { error?: unknown; message?: { zh?: unknown; en?: unknown } }, code: string) {
  expect(body.error).toBe(code);
  expect(typeof body.message?.zh).toBe('string');
  expect(typeof body.message?.en).toBe('string');
  expect(String(body.message?.en)).not.toMatch(/FST_|stack|Unexpected token|Maximum call stack/);
}

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepCollection = (depth: number) =>
  `${'{"type":"GeometryCollection","geometries":['.repeat(depth)}${']}'.repeat(depth)}`;

describe('nesting', () => {
  it('a PATCH whose property holds arrays nested 10 000 deep gets 400 too-deep', async () => {
    const before = await plotState();
    const response = await patchText(`{"version":1,"properties":{"reasons":${deepArray(10_000)}}}`);
    expect(response.statusCode).toBe(400);
    expectBilingual(response.json(), 'too-deep');
    expect(response.json()).toMatchObject({ maxDepth: 64, line: 1 });
    expect(await plotState()).toEqual(before);
  });

  it('a zone whose geometry is a GeometryCollection nested 20 000 deep gets 400 too-deep', async () => {
    const response = await s.planner.sendText(
      'POST',
      '/api/features/zones',
      `{"properties":{"name":"深","mode":"self-upgrade","plannedLandUse":"1001"},"geometry":${deepCollection(20_000)}}`,
    );
    expect(response.statusCode).toBe(400);
    expectBilingual(response.json(), 'too-deep');
  });

  it('an import holding a GeometryCollection nested 20 000 deep gets 422 with a too-deep problem at its line', async () => {
    const before = await plotState();
    const feature = JSON.stringify(plotFeature(1)).replace(
      /"geometry":.*\}$/,
      `"geometry":${deepCollection(20_000)}}`,
    );
    const response = await s.admin.importText(
      'mode=merge',
      `{"type":"FeatureCollection","features":[${feature}]}`,
    );
    expect(response.statusCode).toBe(422);
    expectBilingual(response.json(), 'invalid-geojson');
    expect(response.json().problems).toMatchObject([{ code: 'too-deep', severity: 'error', line: 1 }]);
    expect(response.json().problems).toHaveLength(1);
    expect(await plotState()).toEqual(before);
  });
});

describe('dates are real calendar dates', () => {
  it('an inspection dated 2026-02-30 gets 400 naming the date', async () => {
    const response = await s.inspector.send('POST', '/api/inspections', {
      plotId: 'HS-T-0003',
      date: '2026-02-30',
      findings: '无',
      status: 'rectifying',
    });
    expect(response.statusCode).toBe(400);
    expectBilingual(response.json(), 'invalid-request');
    expect(response.json().issues).toEqual([
      expect.objectContaining({ path: 'date', message: 'is not a real calendar date' }),
    ]);
  });

  it('a plot deadline of 2026-02-30 gets 422 invalid-properties', async () => {
    const response = await patchText(JSON.stringify({ version: 1, properties: { deadline: '2026-02-30' } }));
    expect(response.statusCode).toBe(422);
    expectBilingual(response.json(), 'invalid-properties');
    expect(response.json().issues).toEqual([expect.objectContaining({ path: 'deadline' })]);
  });

  it('2024-02-29 (a leap day) is a date', async () => {
    const response = await s.inspector.send('POST', '/api/inspections', {
      plotId: 'HS-T-0003',
      date: '2024-02-29',
      findings: '无',
      status: 'rectifying',
    });
    expect(response.statusCode).toBe(201);
  });
});

describe('numbers and keys', () => {
  it('1e309 in a property gets 400 number-out-of-range naming its path, instead of being stored as null', async () => {
    const before = await plotState();
    const response = await patchText('{"version":1,"properties":{"note":1e309}}');
    expect(response.statusCode).toBe(400);
    expectBilingual(response.json(), 'number-out-of-range');
    expect(response.json().path).toEqual(['properties', 'note']);
    expect(await plotState()).toEqual(before);
  });

  it('1e309 in a property of an imported plot gets 422 naming the feature', async () => {
    const text = JSON.stringify(collection([plotFeature(1)])).replace('"far":0.5', '"far":0.5,"note":1e309');
    const response = await s.admin.importText('mode=merge', text);
    expect(response.statusCode).toBe(422);
    expect(response.json().problems).toEqual([
      expect.objectContaining({
        code: 'number-out-of-range',
        featureIndex: 0,
        featureId: 'HS-T-0001',
        line: 1,
      }),
    ]);
  });

  it('a duplicate key in a PATCH body gets 400 duplicate-key naming the key, instead of the last one winning', async () => {
    const before = await plotState();
    const response = await patchText('{"version":1,"properties":{"far":0.7,"far":9}}');
    expect(response.statusCode).toBe(400);
    expectBilingual(response.json(), 'duplicate-key');
    expect(response.json()).toMatchObject({ key: 'far', line: 1 });
    expect(await plotState()).toEqual(before);
  });
});

describe('the framework’s own refusals speak our language', () => {
  it('broken JSON gets 400 invalid-json with the place', async () => {
    const response = await patchText('{"version":1,\n"properties":{"far":}}');
    expect(response.statusCode).toBe(400);
    expectBilingual(response.json(), 'invalid-json');
    expect(response.json().message.en).toContain('line 2');
  });

  it('a body over 1 MB gets 413 body-too-large', async () => {
    const response = await patchText(
      JSON.stringify({ version: 1, properties: { notes: 'x'.repeat(1024 * 1024) } }),
    );
    expect(response.statusCode).toBe(413);
    expectBilingual(response.json(), 'body-too-large');
  });

  it('a text/plain body gets 415 unsupported-media-type', async () => {
    const response = await patchText('version=1', 'text/plain');
    expect(response.statusCode).toBe(415);
    expectBilingual(response.json(), 'unsupported-media-type');
  });
});
