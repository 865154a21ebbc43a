package io.opendms.connector.mysql;

import static io.opendms.spi.assess.Check.guarded;

import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.CheckStatus;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MySQL's and MariaDB's premigration checks as a source, read-only: the binary log settings
 * (read with SHOW VARIABLES, which both servers answer alike), the replication grants, tables
 * without a key, and the data probes. Names are DMS's individual assessment names where DMS
 * has one.
 */
final class MySqlSourceChecks {
  /** DMS's mysql-check-binlog-retention-time asks for more than a day. */
  static final Duration MIN_RETENTION = Duration.ofHours(24);

  private final Connection connection;
  private final MySqlErrors errors;

  MySqlSourceChecks(Connection connection, MySqlErrors errors) {
    this.connection = connection;
    this.errors = errors;
  }

  List<CheckResult> cdcPrerequisites(List<TableDefinition> tables) {
    Map<String, String> variables;
    try {
      variables = variables();
    } catch (SQLException e) {
      return List.of(CheckResult.error("mysql-check-binlog-format", e.getMessage()));
    }
    var results = new ArrayList<CheckResult>();
    results.add(setting(variables, "log_bin", "ON", "opendms-check-mysql-log-bin",
        "enable the binary log: log_bin=<base name> and server_id=<n> in my.cnf, then restart"));
    results.add(setting(variables, "binlog_format", "ROW", "mysql-check-binlog-format",
        "SET GLOBAL binlog_format = 'ROW' and put binlog_format=ROW in my.cnf"
            + " (MariaDB: restart so that every session uses it)"));
    results.add(setting(variables, "binlog_row_image", "FULL", "mysql-check-binlog-image",
        "SET GLOBAL binlog_row_image = 'FULL' and put binlog_row_image=FULL in my.cnf"));
    results.add(serverId(variables));
    results.add(retention(variables));
    results.add(guarded("mysql-check-replication-privileges", this::replicationPrivileges));
    results.add(keys(tables));
    return results;
  }

  boolean isEmpty(TableId table) {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT NOT EXISTS (SELECT 1 FROM " + SqlIdentifiers.qualified(table) + ")")) {
      row.next();
      return row.getBoolean(1);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot count rows", table);
    }
  }

  long largestValueBytes(TableId table, Column column) {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT coalesce(max(octet_length("
            + SqlIdentifiers.quote(column.name()) + ")), 0) FROM "
            + SqlIdentifiers.qualified(table))) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot measure column " + column.name(), table);
    }
  }

  private Map<String, String> variables() throws SQLException {
    var values = new HashMap<String, String>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN"
            + " ('log_bin', 'binlog_format', 'binlog_row_image', 'server_id',"
            + " 'binlog_expire_logs_seconds', 'expire_logs_days')")) {
      while (rows.next()) {
        values.put(rows.getString(1), rows.getString(2));
      }
    }
    return values;
  }

  private static CheckResult setting(
      Map<String, String> variables, String variable, String wanted, String name, String fix) {
    String value = variables.getOrDefault(variable, "(not set)");
    if (value.equalsIgnoreCase(wanted)) {
      return CheckResult.passed(name, variable + " is " + value);
    }
    return new CheckResult(name, CheckStatus.FAILED,
        variable + " is " + value + "; binlog change data capture needs " + wanted,
        List.of(variable), fix);
  }

  private static CheckResult serverId(Map<String, String> variables) {
    String value = variables.getOrDefault("server_id", "0");
    if (!value.equals("0")) {
      return CheckResult.passed("mysql-check-server-id", "server_id is " + value);
    }
    return new CheckResult("mysql-check-server-id", CheckStatus.FAILED,
        "server_id is 0; a server without an id cannot serve its binary log",
        List.of("server_id"), "set server_id to a unique number >= 1 in my.cnf and restart");
  }

  /** 0 in both variables means the server never purges: the longest retention there is. */
  private static CheckResult retention(Map<String, String> variables) {
    long seconds = Long.parseLong(variables.getOrDefault("binlog_expire_logs_seconds", "0"));
    if (seconds == 0) {
      double days = Double.parseDouble(variables.getOrDefault("expire_logs_days", "0"));
      seconds = (long) (days * 86_400);
    }
    String name = "mysql-check-binlog-retention-time";
    if (seconds == 0) {
      return CheckResult.passed(name, "binary logs are never purged automatically");
    }
    Duration retention = Duration.ofSeconds(seconds);
    if (retention.compareTo(MIN_RETENTION) > 0) {
      return CheckResult.passed(name, "binary logs are kept " + retention.toHours() + " h");
    }
    return new CheckResult(name, CheckStatus.WARNING,
        "binary logs are kept only " + retention.toMinutes() + " min: a task stopped longer"
            + " than that cannot resume", List.of("binlog_expire_logs_seconds"),
        "SET GLOBAL binlog_expire_logs_seconds = 86400 (or more) and put it in my.cnf");
  }

  /**
   * MariaDB 10.5+ shows REPLICATION CLIENT as BINLOG MONITOR and MySQL 8.0.22+ may show
   * REPLICATION SLAVE as REPLICATION REPLICA; ALL PRIVILEGES on *.* covers both.
   */
  private CheckResult replicationPrivileges() throws SQLException {
    var grants = new StringBuilder();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
      while (rows.next()) {
        String grant = rows.getString(1).toUpperCase(Locale.ROOT);
        if (grant.contains(" ON *.* ")) {
          grants.append(grant).append('\n');
        }
      }
    }
    String all = grants.toString();
    boolean everything = all.contains("GRANT ALL PRIVILEGES ON *.*");
    boolean slave = everything || all.contains("REPLICATION SLAVE") || all.contains("REPLICATION REPLICA");
    boolean client = everything || all.contains("REPLICATION CLIENT") || all.contains("BINLOG MONITOR");
    String name = "mysql-check-replication-privileges";
    if (slave && client) {
      return CheckResult.passed(name, "the source user may read the binary log");
    }
    var missing = new ArrayList<String>();
    if (!slave) {
      missing.add("REPLICATION SLAVE");
    }
    if (!client) {
      missing.add("REPLICATION CLIENT");
    }
    return new CheckResult(name, CheckStatus.FAILED,
        "the source user lacks " + String.join(" and ", missing) + " on *.*", missing,
        "GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO <user>");
  }

  private static CheckResult keys(List<TableDefinition> tables) {
    String name = "table-with-no-primary-key-or-unique-constraint";
    List<String> keyless = tables.stream()
        .filter(table -> !table.hasPrimaryKey())
        .map(table -> table.id().toString())
        .toList();
    if (keyless.isEmpty()) {
      return CheckResult.passed(name, "every selected table has a primary key");
    }
    return new CheckResult(name, CheckStatus.WARNING,
        keyless.size() + " table(s) have no primary key: their updates and deletes are applied"
            + " by matching whole rows, slowly, and duplicate rows cannot be told apart",
        keyless, "add a primary key to each table (or a unique key on NOT NULL columns)");
  }
}
