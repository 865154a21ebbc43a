package io.opendms.connector.mysql;

import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.TargetTable;
import java.util.StringJoiner;

/**
 * The {@code LOAD DATA LOCAL INFILE} statement for a target table, and how each column is encoded
 * for it. The file name is a placeholder: the driver sends the in-memory stream it was given.
 *
 * @param sql the statement
 * @param columns how each column of the table travels, in load order
 */
record LoadDataStatement(String sql, LoadDataColumn[] columns) {

  static LoadDataStatement of(TableId id, TargetTable table) {
    LoadDataColumn[] how = new LoadDataColumn[table.columns().size()];
    StringJoiner fields = new StringJoiner(", ", " (", ")");
    StringJoiner conversions = new StringJoiner(", ", " SET ", "");
    conversions.setEmptyValue("");
    for (int i = 0; i < how.length; i++) {
      Column column = table.columns().get(i);
      how[i] = LoadDataColumn.of(column, MySqlTargetColumnTypes.sqlType(table.sourceEngine(), column));
      String variable = "@v" + i;
      String conversion = how[i].conversion(variable);
      if (conversion == null) {
        fields.add(SqlIdentifiers.quote(column.name()));
      } else {
        fields.add(variable);
        conversions.add(SqlIdentifiers.quote(column.name()) + " = " + conversion);
      }
    }
    String sql = "LOAD DATA LOCAL INFILE 'opendms.tsv' INTO TABLE " + SqlIdentifiers.qualified(id)
        + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'"
        + " LINES TERMINATED BY '\\n'" + fields + conversions;
    return new LoadDataStatement(sql, how);
  }
}
