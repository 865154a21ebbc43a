package io.opendms.spi.data;

/**
 * Receives a table's rows as an engine's own bulk format (see {@link NativeFormat}), in chunks
 * whose boundaries carry no meaning. The bytes are only valid during the call. Called on the
 * producer's thread.
 */
public interface ByteSink {

  void write(byte[] buffer, int offset, int length);

  /**
   * Tells how many more complete rows the bytes written so far hold, for progress only. A
   * producer that knows row boundaries calls it now and then; a consumer may ignore it.
   */
  default void rowsCompleted(long rows) {}
}
