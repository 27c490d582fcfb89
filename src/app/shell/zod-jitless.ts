// Imported first by the app's entry (main.tsx), before any module defines a schema: the app runs under a
// Content-Security-Policy without 'unsafe-eval' (src/server/auth/csp.ts), so zod must not compile its
// parsers with `new Function` — it decides when a schema is made, and the browser reports even its
// caught probe as a violation.
import { z } from 'zod';

z.config({ jitless: true });
