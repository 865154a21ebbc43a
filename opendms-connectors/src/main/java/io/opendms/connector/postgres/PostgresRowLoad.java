package io.opendms.connector.postgres;

import io.opendms.spi.target.RowLoad;
import io.opendms.spi.target.TargetTable;
import java.sql.Connection;
import org.postgresql.copy.CopyIn;

/**
 * Loads decoded rows by encoding each as a COPY text line. A value PostgreSQL cannot hold as given
 * fails the load with the row and column named; nothing is changed to make it fit. Confined to the
 * session's thread.
 */
final class PostgresRowLoad extends CopyInLoad implements RowLoad {

  private final CopyTextEncoder encoder = new CopyTextEncoder();
  private long rows;

  PostgresRowLoad(
      TargetTable table,
      PostgresErrors errors,
      Connection connection,
      CopyIn copyIn,
      Runnable onClose,
      StagedReplace.Step beforeCommit) {
    super(table, errors, connection, copyIn, onClose, beforeCommit);
  }

  @Override
  public void accept(Object[] values) {
    if (values.length != table.columns().size()) {
      throw new IllegalArgumentException(
          "row of "
              + values.length
              + " values for "
              + table.columns().size()
              + " columns of "
              + table.id());
    }
    byte[] line;
    try {
      line = encoder.encode(values);
    } catch (CopyFieldException e) {
      String column = table.columns().get(e.field()).name();
      throw errors.refused(
          "cannot write column " + column + " of row " + (rows + 1), table.id(), e.getMessage(), e);
    }
    rows++;
    send(line, 0, line.length);
  }
}
