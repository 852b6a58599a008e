import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { registerAjvFormats, type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import type { Config } from './config/config.ts';
import { createServices, type Services } from './core/services.ts';
import { type Clock, systemClock } from './core/shared/clock.ts';
import type { DbHandle } from './db/create-db.ts';
import { createLocalRelay, createPostgresRelay } from './db/live-relay.ts';
import { createLiveHub } from './http/live/live-hub.ts';
import { registerAuth } from './http/plugins/auth.ts';
import { registerErrorHandling } from './http/plugins/errors.ts';
import { registerIdempotency } from './http/plugins/idempotency.ts';
import { registerInputGuard } from './http/plugins/input-guard.ts';
import { registerMetrics } from './http/plugins/metrics.ts';
import { registerWeb } from './http/plugins/web.ts';
import { agentRoutes } from './http/routes/agents.routes.ts';
import { attachmentRoutes } from './http/routes/attachments.routes.ts';
import { authRoutes } from './http/routes/auth.routes.ts';
import { automationRoutes } from './http/routes/automation.routes.ts';
import { contactRoutes } from './http/routes/contacts.routes.ts';
import { contractRoutes } from './http/routes/contracts.routes.ts';
import { departmentRoutes } from './http/routes/departments.routes.ts';
import { emailTemplateRoutes } from './http/routes/email-templates.routes.ts';
import { healthRoutes } from './http/routes/health.routes.ts';
import { helpRoutes } from './http/routes/help.routes.ts';
import { kbRoutes } from './http/routes/kb.routes.ts';
import { liveRoutes } from './http/routes/live.routes.ts';
import { macroRoutes } from './http/routes/macros.routes.ts';
import { mailboxRoutes } from './http/routes/mailboxes.routes.ts';
import { messageRoutes } from './http/routes/messages.routes.ts';
import { notificationRoutes } from './http/routes/notifications.routes.ts';
import { organizationRoutes } from './http/routes/organizations.routes.ts';
import { paymentRoutes } from './http/routes/payments.routes.ts';
import { playbookRoutes } from './http/routes/playbooks.routes.ts';
import { portalAuthRoutes } from './http/routes/portal-auth.routes.ts';
import { portalTicketRoutes } from './http/routes/portal-tickets.routes.ts';
import { portalUserRoutes } from './http/routes/portal-users.routes.ts';
import { protocolRoutes } from './http/routes/protocols.routes.ts';
import { reportRoutes } from './http/routes/reports.routes.ts';
import { satisfactionRoutes } from './http/routes/satisfaction.routes.ts';
import { settingsRoutes } from './http/routes/settings.routes.ts';
import { ticketSettingsRoutes } from './http/routes/ticket-settings.routes.ts';
import { ticketRoutes } from './http/routes/tickets.routes.ts';
import { viewLayoutRoutes } from './http/routes/view-layouts.routes.ts';
import { viewRoutes } from './http/routes/views.routes.ts';
import { whatsappRoutes } from './http/routes/whatsapp.routes.ts';
import { whatsappWebhookRoutes } from './http/routes/whatsapp-webhook.routes.ts';
import { workRoutes } from './http/routes/work.routes.ts';
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
  const services =
    deps.services ??
    createServices({
      db: database.db,
      clock: deps.clock ?? systemClock,
      secretKey: config.sessionSecret,
      publicUrl: config.publicUrl,
    });
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
    return503OnClosing: true,
  })
    .setValidatorCompiler(TypeBoxValidatorCompiler)
    .withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandling(app, { bodyLimit: config.bodyLimitBytes });
  registerInputGuard(app);
  // Security headers for every response. Built once: @fastify/helmet builds helmet's middleware
  // anew for each request, re-parsing the CSP (~4 % of a queue page's server CPU, bench/README.md).
  const securityHeaders = helmet({
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
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  // Message attachments; each file may be as large as ATTACHMENT_LIMIT_BYTES (the JSON body limit does not apply).
  await app.register(fastifyMultipart, { limits: { fileSize: config.attachmentLimitBytes, files: 20, fields: 50 } });
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
        description:
          'Help desk API. Errors are { error: { code, message, details } }; lists are { items, nextCursor }. ' +
          'Live updates: open a WebSocket at /api/v1/live (session cookie) to receive {type:"event"} for ' +
          'every change you may see and {type:"presence"} for who views or types on a ticket; send ' +
          '{type:"presence",ticketId,state:"viewing"|"typing"} while on a ticket and ticketId null when leaving.',
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

  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  registerAuth(app, services);
  registerIdempotency(app, services);
  const metrics = registerMetrics(app, database, { processMetrics: deps.processMetrics ?? false });
  const routeDeps = { config, database, services };

  // Live updates: domain events and presence reach every instance's open sockets.
  const relay =
    database.dialect === 'postgres'
      ? createPostgresRelay(database.connection, {
          onError: (error) => app.log.warn({ err: error }, 'live relay connection lost; reconnecting'),
          onReconnected: (downMs) => app.log.info({ downMs }, 'live relay reconnected; consoles reload'),
        })
      : createLocalRelay();
  const hub = createLiveHub({ db: database.db, relay, log: app.log });
  const stopForwarding = services.events.subscribe((event) => hub.publish(event));
  const detachCache = services.settingsCache.attach(relay, (error) =>
    app.log.error({ err: error }, 'could not tell the other instances of a settings change'),
  );
  app.addHook('onClose', async () => {
    await services.receiptReadings.close();
    detachCache();
    stopForwarding();
    await hub.close();
    await relay.close();
  });

  healthRoutes(app, { ...routeDeps, metrics, relay });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  authRoutes(app, routeDeps);
  agentRoutes(app, routeDeps);
  departmentRoutes(app, routeDeps);
  messageRoutes(app, routeDeps);
  attachmentRoutes(app, routeDeps);
  macroRoutes(app, routeDeps);
  kbRoutes(app, routeDeps);
  helpRoutes(app, routeDeps);
  mailboxRoutes(app, routeDeps);
  emailTemplateRoutes(app, routeDeps);
  workRoutes(app, routeDeps);
  organizationRoutes(app, routeDeps);
  contractRoutes(app, routeDeps);
  paymentRoutes(app, routeDeps);
  playbookRoutes(app, routeDeps);
  protocolRoutes(app, routeDeps);
  settingsRoutes(app, routeDeps);
  contactRoutes(app, routeDeps);
  ticketSettingsRoutes(app, routeDeps);
  ticketRoutes(app, routeDeps);
  portalTicketRoutes(app, routeDeps);
  viewRoutes(app, routeDeps);
  viewLayoutRoutes(app, routeDeps);
  automationRoutes(app, routeDeps);
  notificationRoutes(app, routeDeps);
  portalAuthRoutes(app, routeDeps);
  portalUserRoutes(app, routeDeps);
  satisfactionRoutes(app, routeDeps);
  whatsappRoutes(app, routeDeps);
  reportRoutes(app, routeDeps);
  whatsappWebhookRoutes(app, routeDeps);
  liveRoutes(app, { ...routeDeps, hub });
  await registerWeb(app, config.webDir);
  return app;
}
