import type { Registry } from 'prom-client';
import { Type } from 'typebox';
import { pingDb } from '../../db/create-db.ts';
import type { LiveRelay } from '../../db/live-relay.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const Status = Type.Object({
  status: Type.String(),
  checks: Type.Optional(Type.Record(Type.String(), Type.String())),
});

export function healthRoutes(app: TypedApp, deps: RouteDeps & { metrics: Registry; relay: LiveRelay }) {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'The process is up', response: { 200: Status } },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'The database answers, its schema is current and live updates reach other instances',
        response: { 200: Status, 503: Status },
      },
    },
    async (_request, reply) => {
      const checks: Record<string, string> = {};
      try {
        await pingDb(deps.database.db);
        checks.database = 'ok';
        const pending = await pendingMigrations(deps.database.db, deps.database.dialect);
        checks.migrations = pending.length === 0 ? 'ok' : `pending: ${pending.join(', ')}`;
      } catch (error) {
        checks.database = `unreachable: ${(error as Error).message}`;
      }
      checks.live = deps.relay.connected() ? 'ok' : 'reconnecting';
      const ready = Object.values(checks).every((v) => v === 'ok') && checks.migrations !== undefined;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'not ready', checks });
    },
  );

  app.get(
    '/metrics',
    { config: { access: 'public' }, schema: { tags: ['system'], summary: 'Prometheus metrics', hide: true } },
    async (_request, reply) => reply.type(deps.metrics.contentType).send(await deps.metrics.metrics()),
  );
}
