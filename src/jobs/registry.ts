import type { Config } from '../config/config.ts';
import type { Services } from '../core/services.ts';
import type { BackgroundWork } from './background.ts';

/**
 * What this server delivers and runs in the background. Each channel or automation adds its
 * outbox handlers and jobs here; outbox rows of a type nobody handles yet stay queued, visible.
 */
export function backgroundWork(_services: Services, _config: Config): BackgroundWork {
  return { outboxHandlers: {}, jobHandlers: {}, recurring: [] };
}
