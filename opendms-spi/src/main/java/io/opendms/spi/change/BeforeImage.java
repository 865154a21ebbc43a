package io.opendms.spi.change;

import io.opendms.spi.table.Column;
import io.opendms.spi.target.TargetTable;
import java.util.Objects;

/**
 * DMS's {@code BeforeImageSettings} as streaming targets apply them: an update's or delete's old
 * row goes into its message under {@code fieldName}, limited to the columns {@code columns}
 * chooses. Of those, a column the source's change does not carry (PostgreSQL sends only the key
 * unless the table has {@code REPLICA IDENTITY FULL}) is left out.
 *
 * @param fieldName {@code FieldName}
 * @param columns {@code ColumnFilter}
 */
public record BeforeImage(String fieldName, Columns columns) {

  /** {@code ColumnFilter}: which columns of the old row the before image holds. */
  public enum Columns {
    /** {@code pk-only}, DMS's default: the primary key's columns; none for a keyless table. */
    PK_ONLY("pk-only"),
    /** {@code non-lob}: every column but the LOBs (DMS's CLOB, NCLOB and BLOB). */
    NON_LOB("non-lob"),
    /** {@code all}. */
    ALL("all");

    private final String dmsName;

    Columns(String dmsName) {
      this.dmsName = dmsName;
    }

    /** The constant DMS spells {@code dmsName} ({@code pk-only}, {@code non-lob}, {@code all}). */
    public static Columns of(String dmsName) {
      for (Columns columns : values()) {
        if (columns.dmsName.equals(dmsName)) {
          return columns;
        }
      }
      throw new IllegalArgumentException(
          "BeforeImageSettings.ColumnFilter: expected pk-only, non-lob or all, got " + dmsName);
    }
  }

  public BeforeImage {
    Objects.requireNonNull(columns, "columns");
    if (fieldName == null || fieldName.isEmpty()) {
      throw new IllegalArgumentException("BeforeImageSettings.FieldName: required");
    }
  }

  /** Whether {@code column} of {@code table} belongs in the before image. */
  public boolean includes(TargetTable table, Column column) {
    return switch (columns) {
      case PK_ONLY -> table.primaryKey().contains(column.name());
      case NON_LOB -> !column.type().kind().isLob();
      case ALL -> true;
    };
  }
}
