package io.opendms.spi.change;

import io.opendms.spi.position.SourcePosition;
import java.time.Instant;
import java.util.Objects;

/**
 * The end of a source transaction.
 *
 * @param xid the source's transaction id, as in its {@link Begin}
 * @param position the position just after the commit: a capture restarted there streams the next
 *     transaction, never this one again (PostgreSQL: the commit record's end LSN)
 * @param commitTime when the source committed it
 */
public record Commit(long xid, SourcePosition position, Instant commitTime) implements ChangeEvent {
  public Commit {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(commitTime, "commitTime");
  }
}
