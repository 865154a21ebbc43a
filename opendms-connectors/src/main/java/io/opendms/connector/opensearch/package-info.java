/**
 * OpenSearch target (DMS engines {@code opensearch} and {@code elasticsearch}): one index per
 * table, one document per row under the SHA-256 of its primary key, written with {@code _bulk}
 * requests over the JDK's HttpClient and acknowledged before the engine stores the position
 * (at-least-once, idempotent writes by id).
 */
package io.opendms.connector.opensearch;
