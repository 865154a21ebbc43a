package io.opendms.spi.data;

/**
 * Stands in a decoded row for a LOB value that the source left out because it is longer than the
 * inline limit the engine asked for; the engine reads the value afterwards, in pieces, with {@link
 * io.opendms.spi.source.SnapshotReader#openLob}.
 *
 * @param length the value's length in bytes (text: in UTF-8)
 */
public record DeferredLob(long length) {
  public DeferredLob {
    if (length < 0) {
      throw new IllegalArgumentException("negative LOB length " + length);
    }
  }
}
