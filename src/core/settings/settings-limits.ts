/**
 * The largest attachment limit an admin may set: files are held in memory while they are
 * received, and mail servers seldom accept more than this anyway. Its own module (no imports) so
 * the HTTP schemas and the console's types can name it without the database layer.
 */
export const MAX_ATTACHMENT_LIMIT_BYTES = 100 * 1024 * 1024;
