package io.opendms.connector.postgres;

import io.opendms.spi.target.NativeLoad;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import org.postgresql.copy.CopyIn;

/**
 * Loads a PostgreSQL source's COPY output (binary or text) as it arrives, without decoding it.
 * Confined to the session's thread.
 */
final class PostgresNativeLoad extends CopyInLoad implements NativeLoad {

  PostgresNativeLoad(
      TargetTable table,
      PostgresErrors errors,
      Connection connection,
      CopyIn copyIn,
      Runnable onClose,
      StagedReplace.Step beforeCommit) {
    super(table, errors, connection, copyIn, onClose, beforeCommit);
  }

  @Override
  public void write(byte[] buffer, int offset, int length) {
    send(buffer, offset, length);
  }
}
