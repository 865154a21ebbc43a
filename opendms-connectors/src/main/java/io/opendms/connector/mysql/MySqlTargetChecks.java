package io.opendms.connector.mysql;

import static io.opendms.spi.assess.Check.guarded;

import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.CheckStatus;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.type.DmsType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** MySQL's premigration checks as a target, read-only: privileges and type conversions. */
final class MySqlTargetChecks {
  static final String PRIVILEGES = "mysql-check-target-privileges";

  /** What a full load and CDC do to the target: create tables, write, update, delete rows. */
  private static final List<String> NEEDED = List.of("CREATE", "INSERT", "UPDATE", "DELETE");

  private final Connection connection;

  MySqlTargetChecks(Connection connection) {
    this.connection = connection;
  }

  CheckResult privileges(Set<String> databases) {
    return guarded(PRIVILEGES, () -> {
      var denied = new ArrayList<String>();
      for (String database : databases) {
        if (granted(database) < NEEDED.size()) {
          denied.add(database);
        }
      }
      if (denied.isEmpty()) {
        return CheckResult.passed(PRIVILEGES, "the target user may create and write tables in "
            + String.join(", ", databases));
      }
      return new CheckResult(PRIVILEGES, CheckStatus.FAILED,
          "the target user lacks one of " + String.join(", ", NEEDED) + " on "
              + String.join(", ", denied), denied,
          "GRANT CREATE, INSERT, UPDATE, DELETE ON <database>.* TO <user>");
    });
  }

  /**
   * How many of the needed privileges the current user holds on the database, globally or on
   * the database (a database grant may use wildcards, hence LIKE).
   */
  private int granted(String database) throws SQLException {
    String grantee = "CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''',"
        + " SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')";
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT COUNT(DISTINCT privilege_type) FROM ("
            + " SELECT privilege_type FROM information_schema.USER_PRIVILEGES"
            + " WHERE grantee = " + grantee
            + " UNION ALL SELECT privilege_type FROM information_schema.SCHEMA_PRIVILEGES"
            + " WHERE grantee = " + grantee + " AND ? LIKE table_schema) p"
            + " WHERE privilege_type IN ('CREATE', 'INSERT', 'UPDATE', 'DELETE')")) {
      statement.setString(1, database);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  /**
   * From another engine, columns are created from the canonical type by {@link
   * MySqlTargetColumnTypes}; these are the values such a column cannot hold or holds as text.
   */
  static List<String> conversionRisks(TableDefinition source) {
    if (MySqlEngine.isMySql(source.engine())) {
      return List.of();
    }
    var risks = new ArrayList<String>();
    for (Column column : source.columns()) {
      String target = MySqlTargetColumnTypes.sqlType(source.engine(), column);
      String risk = risk(column, target);
      if (risk != null) {
        risks.add(column.name() + " (" + column.nativeType() + " -> " + target + "): " + risk);
      }
    }
    return risks;
  }

  private static String risk(Column column, String target) {
    DmsType kind = column.type().kind();
    String nativeType = column.nativeType().toLowerCase(Locale.ROOT);
    return switch (kind) {
      case NUMERIC -> target.equals("decimal(65,30)") && column.type().precision() == 0
          ? "NaN and +/-Infinity cannot be stored (the row fails); digits beyond 65 or 30"
              + " after the point fail too"
          : "NaN and +/-Infinity cannot be stored (the row fails)";
      case REAL4, REAL8 -> "NaN and +/-Infinity cannot be stored (the row fails)";
      case DATE, DATETIME -> "+/-infinity cannot be stored (the row fails)";
      case CLOB, NCLOB, STRING, WSTRING -> isText(nativeType) ? null
          : "arrives as the source's text form, no longer of type " + column.nativeType();
      default -> null;
    };
  }

  private static boolean isText(String nativeType) {
    return nativeType.startsWith("text") || nativeType.startsWith("character")
        || nativeType.startsWith("varchar") || nativeType.startsWith("char")
        || nativeType.startsWith("citext") || nativeType.startsWith("bpchar");
  }
}
