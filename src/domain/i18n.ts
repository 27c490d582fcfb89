// The two languages of Land Atlas and the shape every text a person reads has in both: the validator's
// problems, the server's refusals (and the app's check of them as they arrive), the app's strings and
// labels, the CLI's output. Chinese first: the bureau works in Chinese; English is for the reviewers
// and the consultants.
import { z } from 'zod';

export type Lang = 'zh' | 'en';

/** One text in Chinese and in English, as a schema for what arrives over the wire. */
export const bilingual = z.object({ zh: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof bilingual>;

/** The languages, Chinese first (the default wherever a language may be left out). */
export const LANGS = ['zh', 'en'] as const satisfies readonly Lang[];

/** A download's language in its address (`?lang=en`, as the app's own address says it); Chinese when absent. */
export const langParam = z.enum(LANGS, { error: 'lang must be zh (中文, the default) or en (English)' });
