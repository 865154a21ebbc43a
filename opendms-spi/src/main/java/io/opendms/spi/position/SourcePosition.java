package io.opendms.spi.position;

/**
 * A point in a source's change stream. Positions of one source are totally ordered; each format
 * round-trips through {@link #format()} and its type's {@code parse}.
 */
public sealed interface SourcePosition permits PgLsn, BinlogPosition {

  /** The native text form, as the source's own tools print it. */
  String format();
}
