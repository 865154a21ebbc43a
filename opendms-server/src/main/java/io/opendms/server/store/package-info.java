/**
 * The metadata store: DMS resources, tags, events, connection tests and table statistics over
 * JDBC, on an H2 file under the data directory or on PostgreSQL, with Flyway migrations. Secrets
 * are encrypted before they reach the store.
 */
package io.opendms.server.store;
