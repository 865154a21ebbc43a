package io.opendms.spi.change;

import java.time.Instant;
import java.util.Objects;

/**
 * The applied position a target stored with its data, in the source's native text form (parsed
 * by {@link ChangeSourceConnector#parsePosition}).
 *
 * @param position the {@link Commit#position()} of the last applied transaction, as text
 * @param commitTime that transaction's source commit time
 */
public record StoredPosition(String position, Instant commitTime) {
  public StoredPosition {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(commitTime, "commitTime");
  }
}
