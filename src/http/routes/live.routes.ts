import type {} from '@fastify/websocket';
import { AppError } from '../../core/shared/app-error.ts';
import type { LiveHub } from '../live/live-hub.ts';
import { signedIn } from '../plugins/auth.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

export function liveRoutes(app: TypedApp, deps: RouteDeps & { hub: LiveHub }) {
  const allowedOrigin = new URL(deps.config.publicUrl).host;

  app.get(
    '/api/v1/live',
    {
      websocket: true,
      config: { access: 'tickets.read' },
      schema: {
        tags: ['live'],
        summary:
          'WebSocket: domain events the agent may see ({type:"event"}) and who views or types on a ticket ({type:"presence"}); send {type:"presence",ticketId,state:"viewing"|"typing"}',
      },
      // A page on another site must not open a socket with the agent's cookie.
      preValidation: async (request) => {
        const origin = request.headers.origin;
        if (origin && new URL(origin).host !== allowedOrigin && new URL(origin).host !== request.headers.host) {
          throw new AppError('FORBIDDEN', 'Cross-site WebSocket refused', { origin });
        }
      },
    },
    (socket, request) => deps.hub.attach(socket, signedIn(request.auth)),
  );
}
