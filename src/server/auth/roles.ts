// Who may do what. Every write checks its role on the server; the client only hides what it may not do.
import { STAGE_PLANNED_PROPERTY } from '../../domain/deadlines.ts';
import type { LayerId } from '../../domain/layers.ts';
import type { Role } from '../../domain/wire.ts';

/** Which roles may reach a route at all; handlers check the finer rules (which layer) themselves. */
export type Access = 'public' | 'session' | readonly Role[];

export const READ: Access = 'session';
export const INSPECT: Access = ['inspector', 'admin'];
export const EDIT: Access = ['planner', 'admin'];
export const ADMIN: Access = ['admin'];

export function allows(access: Access, role: Role): boolean {
  if (access === 'public' || access === 'session') return true;
  return access.includes(role);
}

/** Layers nobody edits in the app: the boundary comes from an import only. */
const READ_ONLY_LAYERS: readonly LayerId[] = ['boundary'];

/**
 * Planners edit plot attributes, zones and the planned milestone dates of projects (工期倒排, only
 * those: plannedOnly); admins edit every layer but the read-only ones.
 */
export function canEditLayer(role: Role, layer: LayerId): boolean {
  if (READ_ONLY_LAYERS.includes(layer)) return false;
  if (role === 'admin') return true;
  return role === 'planner' && (layer === 'plots' || layer === 'zones' || layer === 'projects');
}

/** The only properties a role may change on a layer, or null when it may change any it can edit. */
export function plannedOnly(role: Role, layer: LayerId): readonly string[] | null {
  return role === 'planner' && layer === 'projects' ? Object.values(STAGE_PLANNED_PROPERTY) : null;
}

/** Creating and deleting features: zones are drawn in the app; other layers come by import. */
export function canCreateOrDelete(role: Role, layer: LayerId): boolean {
  if (READ_ONLY_LAYERS.includes(layer)) return false;
  if (role === 'admin') return true;
  return role === 'planner' && layer === 'zones';
}
