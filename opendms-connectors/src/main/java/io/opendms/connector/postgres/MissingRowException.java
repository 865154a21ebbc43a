package io.opendms.connector.postgres;

import io.opendms.spi.change.RowChange;
import java.sql.SQLException;

/**
 * An UPDATE or DELETE sent in a batch matched no target row (or, in batch apply, net changes
 * do not match the target's rows). Thrown out of the fast path so that
 * the applier replays the transaction one change at a time and asks the policy about that row.
 */
final class MissingRowException extends SQLException {
  private static final long serialVersionUID = 1L;

  MissingRowException(RowChange change) {
    this(change.operation() + " of " + change.table() + " matched no target row");
  }

  MissingRowException(String message) {
    super(message);
  }
}
