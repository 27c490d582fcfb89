// zod without `new Function`: the app runs under a Content-Security-Policy without 'unsafe-eval'
// (src/server/auth/csp.ts), and zod decides whether to compile its parsers when a schema is made — the
// browser reports even its caught probe as a violation. Imported first by the app's entry (through
// shell/zod-jitless.ts) and by the API client, so that it runs before src/domain/wire.ts defines a
// schema in whatever chunk the bundler puts them.
import { z } from 'zod';

z.config({ jitless: true });
