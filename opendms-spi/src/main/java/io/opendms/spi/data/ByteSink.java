package io.opendms.spi.data;

/**
 * Receives a table's rows as an engine's own bulk format (see {@link NativeFormat}), in chunks
 * whose boundaries carry no meaning. The bytes are only valid during the call. Called on the
 * producer's thread.
 */
@FunctionalInterface
public interface ByteSink {
  void write(byte[] buffer, int offset, int length);
}
