import { Type } from 'typebox';
import { AGENT_TEMPLATE_OF, MATRIX_EVENTS, RECIPIENT_KINDS } from '../../core/notifications/notification-matrix.ts';
import { AGENT_TEMPLATE_KEYS, CUSTOMER_TEMPLATE_KEYS } from '../../core/templates/default-templates.ts';
import { signedIn } from '../plugins/auth.ts';
import { errorResponses, IdParams } from '../schemas/common.ts';
import {
  MatrixOptionsSchema,
  NoticePreferenceSchema,
  NotificationMatrixSchema,
  SaveMatrixBody,
  SavePreferencesBody,
} from '../schemas/notifications.ts';
import type { RouteDeps, TypedApp } from '../types.ts';

const tags = ['notifications'];

/** Who gets told about what: the matrix per department (admins) and each agent's own channels. */
export function notificationRoutes(app: TypedApp, deps: RouteDeps) {
  const notifications = deps.services.notifications;

  app.get(
    '/api/v1/notification-matrix/options',
    {
      config: { access: 'notifications.matrix' },
      schema: {
        tags,
        summary: 'The events, recipients and templates a notification matrix may use',
        response: { 200: MatrixOptionsSchema, ...errorResponses },
      },
    },
    async () => ({
      events: [...MATRIX_EVENTS],
      recipients: [...RECIPIENT_KINDS],
      customerTemplates: [...CUSTOMER_TEMPLATE_KEYS],
      agentTemplates: [...AGENT_TEMPLATE_KEYS],
      defaultAgentTemplates: { ...AGENT_TEMPLATE_OF },
    }),
  );

  app.get(
    '/api/v1/departments/:id/notification-matrix',
    {
      config: { access: 'notifications.matrix' },
      schema: {
        tags,
        summary: "A department's notification matrix (`default` for the one departments inherit)",
        params: IdParams,
        response: { 200: NotificationMatrixSchema, ...errorResponses },
      },
    },
    async (request) => notifications.matrix(signedIn(request.auth).actor, request.params.id),
  );

  app.put(
    '/api/v1/departments/:id/notification-matrix',
    {
      config: { access: 'notifications.matrix' },
      schema: {
        tags,
        summary: "Replace a department's notification matrix: which events send which template to whom",
        params: IdParams,
        body: SaveMatrixBody,
        response: { 200: NotificationMatrixSchema, ...errorResponses },
      },
    },
    async (request) => notifications.saveMatrix(signedIn(request.auth).actor, request.params.id, request.body.entries),
  );

  app.delete(
    '/api/v1/departments/:id/notification-matrix',
    {
      config: { access: 'notifications.matrix' },
      schema: {
        tags,
        summary: 'The department follows the default matrix again',
        params: IdParams,
        response: { 200: NotificationMatrixSchema, ...errorResponses },
      },
    },
    async (request) => notifications.inheritMatrix(signedIn(request.auth).actor, request.params.id),
  );

  app.get(
    '/api/v1/auth/me/notification-preferences',
    {
      config: { access: 'notifications.own' },
      schema: {
        tags,
        summary: 'How I hear of each event: console, email, both or none',
        response: { 200: Type.Object({ items: Type.Array(NoticePreferenceSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await notifications.preferences(signedIn(request.auth).actor) }),
  );

  app.put(
    '/api/v1/auth/me/notification-preferences',
    {
      config: { access: 'notifications.own' },
      schema: {
        tags,
        summary: 'Change how I hear of some events (the others keep their choice)',
        body: SavePreferencesBody,
        response: { 200: Type.Object({ items: Type.Array(NoticePreferenceSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await notifications.savePreferences(signedIn(request.auth).actor, request.body.items),
    }),
  );
}
