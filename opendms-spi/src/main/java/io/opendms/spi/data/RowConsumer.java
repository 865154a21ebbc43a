package io.opendms.spi.data;

/**
 * Receives decoded rows. Each row is an array of canonical values (see {@link
 * io.opendms.spi.type.DmsType}) in the column order the producer was asked for; ownership of the
 * array passes to the consumer. Called on the producer's thread, one row at a time.
 */
@FunctionalInterface
public interface RowConsumer {
  void accept(Object[] values);
}
