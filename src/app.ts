import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { registerAjvFormats, type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Config } from './config/config.ts';
import { createServices, type Services } from './core/services.ts';
import { type Clock, systemClock } from './core/shared/clock.ts';
import type { DbHandle } from './db/create-db.ts';
import { registerAuth } from './http/plugins/auth.ts';
import { registerErrorHandling } from './http/plugins/errors.ts';
import { registerMetrics } from './http/plugins/metrics.ts';
import { registerWeb } from './http/plugins/web.ts';
import { agentRoutes } from './http/routes/agents.routes.ts';
import { authRoutes } from './http/routes/auth.routes.ts';
import { departmentRoutes } from './http/routes/departments.routes.ts';
import { healthRoutes } from './http/routes/health.routes.ts';
import type { TypedApp } from './http/types.ts';

export interface AppDeps {
  config: Config;
  database: DbHandle;
  clock?: Clock;
  services?: Services;
  logger?: FastifyServerOptions['logger'];
  /** Node process figures in /metrics; off in tests, where many apps share one process. */
  processMetrics?: boolean;
}

registerAjvFormats();

/** Builds the HTTP application; it never listens, so tests can `inject` requests. */
export async function buildApp(deps: AppDeps): Promise<TypedApp> {
  const { config, database } = deps;
  const services = deps.services ?? createServices({ db: database.db, clock: deps.clock ?? systemClock });
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
    return503OnClosing: true,
  })
    .setValidatorCompiler(TypeBoxValidatorCompiler)
    .withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandling(app, { bodyLimit: config.bodyLimitBytes });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, message: 'Too many requests' }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tiquete API',
        version: '1',
        description: 'Help desk API. Errors are { error: { code, message, details } }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tiquete_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app, services);
  const metrics = registerMetrics(app, database, { processMetrics: deps.processMetrics ?? false });
  const routeDeps = { config, database, services };

  healthRoutes(app, { ...routeDeps, metrics });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  authRoutes(app, routeDeps);
  agentRoutes(app, routeDeps);
  departmentRoutes(app, routeDeps);
  await registerWeb(app, config.webDir);
  return app;
}
