// Inspections and their photos in SQLite. Recording an inspection updates its plot through the same
// versioned write as a PATCH, in the same transaction: the inspection, the plot's next version and
// both history entries commit together or not at all.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { LayerId, PlotStatus, RectificationMode } from '../../domain/layers.ts';
import { type HistoryTable, inspectionEntry, photoEntry } from './history.ts';
import { plotAfterInspection } from './rows.ts';
import type {
  FeatureChange,
  Inspection,
  InspectionInput,
  InspectionResult,
  PhotoRecord,
  StoredFeature,
} from './types.ts';

/** A row of the inspections table, as both stores read it. */
export interface InspectionRow {
  id: string;
  plot_id: string;
  date: string;
  inspector: string;
  findings: string;
  status: string;
  mode: string | null;
  notes: string | null;
  client_id: string | null;
  created_at: string;
  plot_version: number;
  position_lon: number | null;
  position_lat: number | null;
  position_accuracy: number | null;
  position_time: string | null;
  position_note: string | null;
}

/** The position columns of a row from an inspection's input (all null without a position). */
export function positionColumns(
  input: InspectionInput,
): Pick<
  InspectionRow,
  'position_lon' | 'position_lat' | 'position_accuracy' | 'position_time' | 'position_note'
> {
  const { position } = input;
  return {
    position_lon: position?.lon ?? null,
    position_lat: position?.lat ?? null,
    position_accuracy: position?.accuracy ?? null,
    position_time: position?.time ?? null,
    position_note: input.positionNote ?? null,
  };
}

export interface PhotoRow {
  id: string;
  inspection_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  original_name: string | null;
  uploaded_by: string;
  uploaded_at: string;
}

export function toPhoto(row: PhotoRow): PhotoRecord {
  return {
    id: row.id,
    inspectionId: row.inspection_id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    originalName: row.original_name,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
  };
}

/** An inspection with its photos (rows in upload order). */
export function toInspection(row: InspectionRow, photos: PhotoRow[]): Inspection {
  return {
    id: row.id,
    plotId: row.plot_id,
    date: row.date,
    inspector: row.inspector,
    findings: row.findings,
    status: row.status as PlotStatus,
    mode: row.mode as RectificationMode | null,
    notes: row.notes,
    clientId: row.client_id,
    createdAt: row.created_at,
    plotVersion: row.plot_version,
    position:
      row.position_lon !== null &&
      row.position_lat !== null &&
      row.position_accuracy !== null &&
      row.position_time !== null
        ? {
            lon: row.position_lon,
            lat: row.position_lat,
            accuracy: row.position_accuracy,
            time: row.position_time,
          }
        : null,
    positionNote: row.position_note,
    photos: photos.map(toPhoto),
  };
}

export interface FeatureWriter {
  write(next: StoredFeature, before: StoredFeature | null): void;
}

export class InspectionsTable {
  private readonly db: Database.Database;
  private readonly history: HistoryTable;
  private readonly getFeature: (layer: LayerId, id: string) => StoredFeature | null;
  private readonly features: FeatureWriter;
  private readonly statements;

  constructor(
    db: Database.Database,
    history: HistoryTable,
    getFeature: (layer: LayerId, id: string) => StoredFeature | null,
    features: FeatureWriter,
  ) {
    this.db = db;
    this.history = history;
    this.getFeature = getFeature;
    this.features = features;
    this.statements = {
      insert: db.prepare(
        `INSERT INTO inspections (id, plot_id, date, inspector, findings, status, mode, notes, client_id, created_at, plot_version,
           position_lon, position_lat, position_accuracy, position_time, position_note)
         VALUES (@id, @plotId, @date, @inspector, @findings, @status, @mode, @notes, @clientId, @createdAt, @plotVersion,
           @position_lon, @position_lat, @position_accuracy, @position_time, @position_note)`,
      ),
      get: db.prepare<[string], InspectionRow>('SELECT * FROM inspections WHERE id = ?'),
      byClientId: db.prepare<[string], InspectionRow>('SELECT * FROM inspections WHERE client_id = ?'),
      list: db.prepare<[string], InspectionRow>(
        'SELECT * FROM inspections WHERE plot_id = ? ORDER BY date DESC, created_at DESC',
      ),
      lastDates: db.prepare<[], { plot_id: string; date: string }>(
        'SELECT plot_id, max(date) AS date FROM inspections GROUP BY plot_id',
      ),
      photos: db.prepare<[string], PhotoRow>(
        'SELECT * FROM photos WHERE inspection_id = ? ORDER BY uploaded_at',
      ),
      photo: db.prepare<[string], PhotoRow>('SELECT * FROM photos WHERE id = ?'),
      countPhotos: db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM photos WHERE inspection_id = ?',
      ),
      insertPhoto: db.prepare(
        `INSERT INTO photos (id, inspection_id, file_name, content_type, size_bytes, sha256, original_name, uploaded_by, uploaded_at)
         VALUES (@id, @inspectionId, @fileName, @contentType, @sizeBytes, @sha256, @originalName, @uploadedBy, @uploadedAt)`,
      ),
    };
  }

  private toInspection(row: InspectionRow): Inspection {
    return toInspection(row, this.statements.photos.all(row.id));
  }

  record(input: InspectionInput, inspector: string, plotChange: FeatureChange): InspectionResult {
    return this.db
      .transaction((): InspectionResult => {
        const plot = this.getFeature('plots', input.plotId);
        if (!plot) return { ok: false, reason: 'not-found' };
        if (input.clientId) {
          // A retried upload: the first one was recorded, answer with it.
          const earlier = this.statements.byClientId.get(input.clientId);
          if (earlier) return { ok: true, inspection: this.toInspection(earlier), created: false, plot };
        }
        if (input.plotVersion !== undefined && input.plotVersion !== plot.version) {
          this.history.appendConflict(
            inspector,
            plot,
            input.plotVersion,
            { inspection: input },
            'inspection',
          );
          return { ok: false, reason: 'conflict', current: plot };
        }
        const now = new Date().toISOString();
        const id = randomUUID();
        const changed = plotAfterInspection(plot, plotChange, inspector, now);
        const updated = changed ?? plot;
        if (changed) {
          this.features.write(changed, plot);
          this.history.appendFeature(inspector, 'inspection', plot, changed, `inspection ${id}`);
        }
        const row: InspectionRow = {
          id,
          plot_id: input.plotId,
          date: input.date,
          inspector,
          findings: input.findings,
          status: input.status,
          mode: input.mode ?? null,
          notes: input.notes ?? null,
          client_id: input.clientId ?? null,
          created_at: now,
          plot_version: updated.version,
          ...positionColumns(input),
        };
        this.statements.insert.run({
          id,
          plotId: row.plot_id,
          date: row.date,
          inspector,
          findings: row.findings,
          status: row.status,
          mode: row.mode,
          notes: row.notes,
          clientId: row.client_id,
          createdAt: now,
          plotVersion: row.plot_version,
          ...positionColumns(input),
        });
        const inspection = this.toInspection(row);
        this.history.append(inspectionEntry(inspector, inspection));
        return { ok: true, inspection, created: true, plot: updated };
      })
      .immediate();
  }

  get(id: string): Inspection | null {
    const row = this.statements.get.get(id);
    return row ? this.toInspection(row) : null;
  }

  byClientId(clientId: string): Inspection | null {
    const row = this.statements.byClientId.get(clientId);
    return row ? this.toInspection(row) : null;
  }

  /** Each inspected plot's latest inspection date. */
  lastDates(): Map<string, string> {
    return new Map(this.statements.lastDates.all().map((row) => [row.plot_id, row.date]));
  }

  list(plotId: string): Inspection[] {
    return this.statements.list.all(plotId).map((row) => this.toInspection(row));
  }

  addPhoto(photo: PhotoRecord, actor: string, limit: number): PhotoRecord | null {
    return this.db
      .transaction(() => {
        if (this.countPhotos(photo.inspectionId) >= limit) return null;
        this.statements.insertPhoto.run(photo);
        this.history.append(photoEntry(actor, photo));
        return photo;
      })
      .immediate();
  }

  getPhoto(id: string): PhotoRecord | null {
    const row = this.statements.photo.get(id);
    return row ? toPhoto(row) : null;
  }

  countPhotos(inspectionId: string): number {
    return this.statements.countPhotos.get(inspectionId)?.n ?? 0;
  }
}
