package io.opendms.connector.mysql;

import java.sql.SQLException;

/**
 * Thrown out of the fast path of {@link MySqlChangeApplier}: an UPDATE or DELETE of a JDBC batch
 * matched no target row, or net changes do not match the target's rows (a key that should exist
 * does not, or one about to be inserted does). The applier then replays the transaction one
 * change at a time and asks the error policy about the change concerned.
 */
final class MySqlMissingRowException extends SQLException {
  private static final long serialVersionUID = 1L;

  MySqlMissingRowException(String message) {
    super(message);
  }
}
