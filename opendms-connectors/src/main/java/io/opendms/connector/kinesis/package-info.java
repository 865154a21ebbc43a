/**
 * Kinesis Data Streams target (DMS engine {@code kinesis}): DMS's JSON envelope (shared with Kafka
 * through {@link io.opendms.spi.stream.StreamEnvelope}), PutRecords batches within Kinesis's
 * limits, partition key = primary key or as the table's object-mapping rule says, failed records
 * of a batch retried.
 */
package io.opendms.connector.kinesis;
