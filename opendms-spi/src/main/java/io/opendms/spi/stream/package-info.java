/**
 * DMS's message envelope for streaming targets (Kafka, Kinesis): one JSON document per row with
 * {@code data}, an optional before image and {@code metadata}, shaped by a table's object-mapping
 * rule when it has one ({@code MappedRecord}). Shared here, in the SPI, so that
 * every streaming connector builds the same messages without importing another connector; JDK
 * only, as the whole SPI.
 */
package io.opendms.spi.stream;
