// Shapes of the API both sides hold to, as zod schemas: the app checks the server's answers with them
// as they arrive (src/app/api), and the server's types derive from them (src/server/store/types.ts,
// routes/auth.ts), so a field renamed on one side fails to compile on the other. Objects are
// z.object: a newer server may add fields (they are dropped on parse); what is named here must be there.
import { z } from 'zod';
import { PLOT_STATUSES, RECTIFICATION_MODES } from './layers.ts';

export const ROLES = ['viewer', 'inspector', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is signed in and what they may do: the answer of /api/login and /api/me. */
export const me = z.object({
  user: z.object({ username: z.string(), role: z.enum(ROLES) }),
  can: z.object({
    inspect: z.boolean(),
    editLayers: z.array(z.string()),
    createLayers: z.array(z.string()),
    import: z.boolean(),
    manageUsers: z.boolean(),
  }),
});
export type Me = z.infer<typeof me>;

/** /api/session: never a 401; whether this browser has a session, who it is, whether setup is needed. */
export const session = z.union([
  z.object({ signedIn: z.literal(false), setupNeeded: z.boolean() }),
  me.extend({ signedIn: z.literal(true), setupNeeded: z.boolean() }),
]);
export type Session = z.infer<typeof session>;

/** A photo of an inspection as stored and sent (the server also keeps its file name and checksum). */
export const photoFields = z.object({
  id: z.string(),
  inspectionId: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  originalName: z.string().nullable(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
/** A photo as the API sends it: where to fetch the file. */
export const photo = photoFields.extend({ url: z.string() });
export type Photo = z.infer<typeof photo>;

/** An inspection record as stored and sent, without its photos. */
export const inspectionFields = z.object({
  id: z.string(),
  plotId: z.string(),
  date: z.string(),
  inspector: z.string(),
  findings: z.string(),
  status: z.enum(PLOT_STATUSES),
  mode: z.enum(RECTIFICATION_MODES).nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  /** The plot's version after this inspection updated it. */
  plotVersion: z.number(),
});
/** An inspection record as the API sends it. */
export const inspection = inspectionFields.extend({ photos: z.array(photo) });
export type Inspection = z.infer<typeof inspection>;
