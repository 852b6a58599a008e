import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DbHandle } from '../../db/create-db.ts';
import { jobQueueRepository } from '../../jobs/job-queue.repository.ts';
import { outboxQueueRepository } from '../../jobs/outbox-queue.repository.ts';

/** Prometheus figures for /metrics: requests by route, their latency, and the database pool. */
export function registerMetrics(app: FastifyInstance, database: DbHandle, opts: { processMetrics: boolean }): Registry {
  const registry = new Registry();
  if (opts.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'tiquete_' });

  const requests = new Counter({
    name: 'tiquete_http_requests_total',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tiquete_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'tiquete_db_pool_connections',
    help: 'Database connections by state (SQLite has one, always idle between queries)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = database.poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  new Gauge({
    name: 'tiquete_queue_pending',
    help: 'Outbox items and jobs waiting to be handled',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      const [outbox, jobs] = await Promise.all([
        outboxQueueRepository(database.db).countPending(),
        jobQueueRepository(database.db).countPending(),
      ]);
      this.set({ queue: 'outbox' }, outbox);
      this.set({ queue: 'jobs' }, jobs);
    },
  });
  new Gauge({
    name: 'tiquete_db_info',
    help: 'The database engine in use',
    labelNames: ['engine'] as const,
    registers: [registry],
    collect() {
      this.set({ engine: database.dialect }, 1);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, keeps the label set small.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status_code: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  return registry;
}
