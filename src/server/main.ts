// `npm start`: serve the built app on http://localhost:8080 (PORT overrides; HOST, default 0.0.0.0, so
// a tablet on the office network can reach it).
import { buildServer } from './app.ts';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '0.0.0.0';

if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a whole number from 0 to 65535, not "${process.env.PORT}".`);
  process.exit(2);
}

try {
  const server = await buildServer({ logger: false });
  await server.listen({ port, host });
  console.log(`Land Atlas 土地一张图: http://localhost:${port}/`);
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Land Atlas could not start: ${message}`);
  process.exit(1);
}
