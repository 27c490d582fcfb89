// Imported first by the app's entry (main.tsx), before any module defines a schema: the app runs under a
// Content-Security-Policy without 'unsafe-eval' (src/server/auth/csp.ts), so zod must not compile its
// parsers with `new Function` — it decides when a schema is made, and the browser reports even its
// caught probe as a violation. The setting itself is in api/zod-config.ts, which the API client imports
// first as well: the bundler may put the schemas in a chunk shared with lazy parts, evaluated before the
// entry's own code.
import '../api/zod-config.ts';
