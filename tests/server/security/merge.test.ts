// Attack (by accident, as it happens in an office): export plots, a planner changes one, the admin
// imports the old export with mode=merge. Today that answers 200 and silently puts the old status back.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../helpers.ts';
import { featureState, serverForTests } from './data-support.ts';

describeEachStore('merge', (store) => {
  const s = serverForTests(store);
  let oldExport = '';

  beforeAll(async () => {
    oldExport = (await s.admin.get('/api/export/plots')).body;
    const edit = await s.planner.send('PATCH', '/api/features/plots/HS-T-0002', {
      version: 1,
      properties: { status: 'rectifying' },
    });
    expect(edit.statusCode).toBe(200);
  });

  const importOld = (query: string) => s.admin.importText(query, oldExport);

  const layerHistory = async () =>
    (await s.admin.get('/api/history?layer=plots')).json().entries as {
      action: string;
      entity: string;
      entityId: string;
      note: string | null;
      after: unknown;
    }[];

  describe('a merge import never reverts newer edits', () => {
    it('an old export imported with mode=merge gets 422 listing the one changed plot, and changes nothing', async () => {
      const before = await featureState(s.planner, 'plots', 'HS-T-0002');
      const response = await importOld('mode=merge');
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toBe('import-conflicts');
      const conflicts = response.json().conflicts;
      expect(conflicts).toEqual([
        {
          id: 'HS-T-0002',
          importedVersion: 1,
          storedVersion: 2,
          updatedBy: 'planner',
          updatedAt: expect.any(String),
        },
      ]);
      const after = await featureState(s.planner, 'plots', 'HS-T-0002');
      expect(after).toEqual(before);
      expect(JSON.parse(after.feature).properties).toMatchObject({ status: 'rectifying', version: 2 });
      const [latest] = await layerHistory();
      expect(latest).toMatchObject({ action: 'conflict', entity: 'layer', entityId: 'plots' });
      expect(latest?.after).toMatchObject({ conflicts: 1 });
    });

    it('the same with mode=replace is refused the same way', async () => {
      const response = await importOld('mode=replace');
      expect(response.statusCode).toBe(422);
      expect(response.json().conflicts).toHaveLength(1);
    });

    it('with onConflict=overwrite the admin gets the old version back, counted and recorded', async () => {
      const response = await importOld('mode=merge&onConflict=overwrite');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        created: 0,
        updated: 1,
        unchanged: 4,
        deleted: 0,
        overwritten: 1,
      });
      expect(response.json().overwrote).toEqual([
        expect.objectContaining({ id: 'HS-T-0002', storedVersion: 2 }),
      ]);
      const stored = JSON.parse((await featureState(s.planner, 'plots', 'HS-T-0002')).feature);
      expect(stored.properties).toMatchObject({ status: 'identified', version: 3 });
      const entries = await layerHistory();
      const overwrite = entries.find(
        (entry) => entry.entityId === 'HS-T-0002' && entry.action === 'import-update',
      );
      expect(overwrite?.note).toBe('overwrote version 2 with an import of version 1');
    });

    it('an export that is current imports as unchanged', async () => {
      const current = await s.admin.get('/api/export/plots');
      const response = await s.admin.importText('mode=merge', current.body);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ created: 0, updated: 0, unchanged: 5, overwritten: 0 });
    });
  });
});
