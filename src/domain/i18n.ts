// The two languages of Land Atlas and the shape every text a person reads has in both: the validator's
// problems, the server's refusals (and the app's check of them as they arrive), the app's strings and
// labels, the CLI's output. Chinese first: the bureau works in Chinese; English is for the reviewers
// and the consultants.
import { z } from 'zod';

export type Lang = 'zh' | 'en';

/** One text in Chinese and in English, as a schema for what arrives over the wire. */
export const bilingual = z.object({ zh: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof bilingual>;
