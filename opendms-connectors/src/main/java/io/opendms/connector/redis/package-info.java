/**
 * Redis target (DMS engine {@code redis}): one hash per row under DMS's key {@code
 * schema.table.primary-key}, written with pipelined commands and acknowledged before the engine
 * stores the position (at-least-once, idempotent rewrites).
 */
package io.opendms.connector.redis;
