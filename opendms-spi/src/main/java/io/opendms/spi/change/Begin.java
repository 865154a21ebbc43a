package io.opendms.spi.change;

import java.time.Instant;
import java.util.Objects;

/**
 * The start of a committed source transaction.
 *
 * @param xid the source's transaction id
 * @param commitTime when the source committed it
 */
public record Begin(long xid, Instant commitTime) implements ChangeEvent {
  public Begin {
    Objects.requireNonNull(commitTime, "commitTime");
  }
}
