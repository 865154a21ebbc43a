package io.opendms.connector.postgres;

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
import java.util.Set;

/** PostgreSQL's premigration checks as a target, read-only: privileges and type conversions. */
final class PgTargetChecks {
  static final String PRIVILEGES = "postgres-check-target-privileges";

  private final Connection connection;

  PgTargetChecks(Connection connection) {
    this.connection = connection;
  }

  CheckResult privileges(Set<String> schemas) {
    return guarded(PRIVILEGES, () -> {
      var denied = new ArrayList<String>();
      for (String schema : schemas) {
        if (!mayCreateIn(schema)) {
          denied.add(schema);
        }
      }
      if (denied.isEmpty()) {
        return CheckResult.passed(PRIVILEGES,
            "the target user may create tables in schema(s) " + String.join(", ", schemas));
      }
      return new CheckResult(PRIVILEGES, CheckStatus.FAILED,
          "the target user may not create tables in (or create) schema(s) "
              + String.join(", ", denied), denied,
          "GRANT USAGE, CREATE ON SCHEMA <schema> TO <user> (or GRANT CREATE ON DATABASE when"
              + " the schema does not exist yet)");
    });
  }

  /** An existing schema needs USAGE and CREATE; a missing one, CREATE on the database. */
  private boolean mayCreateIn(String schema) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)"
            + " THEN has_schema_privilege(?, 'USAGE, CREATE') AND has_schema_privilege(?, 'CREATE')"
            + " ELSE has_database_privilege(current_database(), 'CREATE') END")) {
      statement.setString(1, schema);
      statement.setString(2, schema);
      statement.setString(3, schema);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }

  /**
   * From another engine, columns are created from the canonical type: what PostgreSQL cannot
   * hold is MySQL's zero date, and an unsigned 64-bit integer becomes numeric(20,0), whole but
   * no longer an integer type. From PostgreSQL the native type is reused and nothing is lost.
   */
  static List<String> conversionRisks(TableDefinition source) {
    if (PostgresEngine.isPostgres(source.engine())) {
      return List.of();
    }
    var risks = new ArrayList<String>();
    for (Column column : source.columns()) {
      DmsType kind = column.type().kind();
      if (kind == DmsType.DATE || kind == DmsType.DATETIME) {
        risks.add(column.name() + ": a zero date (0000-00-00) has no PostgreSQL "
            + TargetColumnTypes.sqlType(source.engine(), column) + " value; its row fails");
      } else if (kind == DmsType.UINT8) {
        risks.add(column.name() + ": PostgreSQL has no unsigned 64-bit integer; values arrive"
            + " whole in " + TargetColumnTypes.sqlType(source.engine(), column)
            + ", which computes and indexes as numeric, not bigint");
      }
    }
    return risks;
  }
}
