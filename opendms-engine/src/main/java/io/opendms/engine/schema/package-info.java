/**
 * What OpenDMS carries beyond DMS's tables and primary keys: defaults and identity, unique and
 * secondary indexes and foreign keys on the target tables a task creates, and identity, serial and
 * AUTO_INCREMENT counters set to the source's at cut-over. Works through the SPI's {@link
 * io.opendms.spi.schema.SchemaSource} and {@link io.opendms.spi.schema.SchemaObjectTarget}.
 */
package io.opendms.engine.schema;
