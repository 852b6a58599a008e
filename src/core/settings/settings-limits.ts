/**
 * The largest attachment limit an admin may set: files are held in memory while they are
 * received, and mail servers seldom accept more than this anyway. Its own module (no imports) so
 * the HTTP schemas and the console's types can name it without the database layer.
 */
export const MAX_ATTACHMENT_LIMIT_BYTES = 100 * 1024 * 1024;

/** Issue 12: a due date counts as approaching this many business minutes before it, unless an admin says. */
export const DEFAULT_DUE_LEAD_MINUTES = 60;
/** Up to five business days of ten hours. */
export const MAX_DUE_LEAD_MINUTES = 3000;
