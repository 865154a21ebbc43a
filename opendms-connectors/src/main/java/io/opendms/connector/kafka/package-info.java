/**
 * The Kafka target (DMS engine name {@code kafka}): full-load rows and captured changes as DMS's
 * JSON messages ({@link io.opendms.spi.stream.StreamEnvelope}), keyed by primary key or as the
 * table's object-mapping rule says, sent with
 * an idempotent producer and acknowledged by the brokers before the engine stores the source
 * position (at least once, {@link io.opendms.spi.change.ChangeDelivery}).
 */
package io.opendms.connector.kafka;
