/**
 * A throwaway console with the demo morning seeded, for trying the screens by hand:
 * `npm run build:web && npx tsx e2e/scripts/serve.ts` (PORT to pick the port; Ctrl+C ends it and
 * deletes the data).
 */
import { ApiClient } from '../fixtures/api.ts';
import { DEMO_AGENT, seedSupportMorning } from '../fixtures/seed.ts';
import { startTestServer } from '../fixtures/server.ts';

const server = await startTestServer({ env: { PORT: process.env.PORT ?? '4310' } });
const admin = await ApiClient.signIn(server.url, server.admin.email, server.admin.password);
await seedSupportMorning(admin);
console.log(`Tiquete at ${server.url}`);
console.log(`  admin: ${server.admin.email} / ${server.admin.password}`);
console.log(`  agent: ${DEMO_AGENT.email} / ${DEMO_AGENT.password}`);
const stop = () => {
  void server.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
