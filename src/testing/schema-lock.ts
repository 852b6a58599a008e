/**
 * PostgreSQL advisory lock key shared by every test process on the server: migrations hold it
 * shared, schema drops exclusive (see createTestDb in test-db.ts).
 */
export const SCHEMA_LOCK = 7_345_001;
