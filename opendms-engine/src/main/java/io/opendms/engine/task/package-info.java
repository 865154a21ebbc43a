/**
 * A replication task as DMS defines it (migration type, start mode, table states) and its durable
 * state in the data directory, which lets a later run resume it.
 */
package io.opendms.engine.task;
