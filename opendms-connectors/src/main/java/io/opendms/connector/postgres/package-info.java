/**
 * PostgreSQL source and target connectors for the full load.
 *
 * <p>Both directions move values through PostgreSQL's own text forms: the source reads {@code COPY
 * ... TO STDOUT} and decodes each field ({@link io.opendms.connector.postgres.CopyTextDecoder},
 * {@link io.opendms.connector.postgres.TextValueParser}); the target encodes canonical values into
 * {@code COPY ... FROM STDIN} lines ({@link io.opendms.connector.postgres.CopyTextEncoder}, {@link
 * io.opendms.connector.postgres.TextValueFormatter}). Between two PostgreSQL databases the rows can
 * skip decoding entirely and stream as binary or text COPY (the fast path).
 *
 * <p>Every connection runs with the same session settings ({@link
 * io.opendms.connector.postgres.PostgresConnections}) so the text forms are fixed: ISO dates, UTC,
 * hex bytea, round-trip floats, and {@code search_path = pg_catalog} so every name the catalog
 * prints is schema-qualified.
 */
package io.opendms.connector.postgres;
