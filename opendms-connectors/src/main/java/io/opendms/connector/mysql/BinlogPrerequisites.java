package io.opendms.connector.mysql;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The server settings binlog change capture needs, as one source reports them, and the exact
 * statement or my.cnf line that fixes each one that is wrong (DMS documents the same list).
 *
 * @param logBin {@code @@log_bin}
 * @param binlogFormat {@code @@binlog_format}
 * @param rowImage {@code @@binlog_row_image}
 * @param retention how long binlogs are kept ({@code binlog_expire_logs_seconds}, else {@code
 *     expire_logs_days}); zero means they are never purged
 * @param user the account as {@code CURRENT_USER()} names it, for the GRANT statement
 * @param grants the lines of {@code SHOW GRANTS}
 */
record BinlogPrerequisites(
    boolean logBin, String binlogFormat, String rowImage, Duration retention, String user,
    List<String> grants) {

  /** DMS asks for at least a day of binlogs: a stopped task must be able to resume. */
  static final Duration MIN_RETENTION = Duration.ofDays(1);

  static BinlogPrerequisites read(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      boolean logBin;
      String format;
      String image;
      String user;
      try (ResultSet row = statement.executeQuery(
          "SELECT @@log_bin, @@binlog_format, @@binlog_row_image, CURRENT_USER()")) {
        row.next();
        logBin = row.getBoolean(1);
        format = row.getString(2);
        image = row.getString(3);
        user = row.getString(4);
      }
      List<String> grants = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SHOW GRANTS")) {
        while (rows.next()) {
          grants.add(rows.getString(1));
        }
      }
      return new BinlogPrerequisites(logBin, format, image, retention(statement), user, grants);
    }
  }

  /** {@code binlog_expire_logs_seconds} (MySQL 8, MariaDB 10.6+) wins over {@code expire_logs_days}. */
  private static Duration retention(Statement statement) throws SQLException {
    long seconds = 0;
    try (ResultSet row = statement.executeQuery("SELECT @@binlog_expire_logs_seconds")) {
      row.next();
      seconds = row.getLong(1);
    } catch (SQLException olderServer) {
      // no such variable: only expire_logs_days
    }
    if (seconds > 0) {
      return Duration.ofSeconds(seconds);
    }
    try (ResultSet row = statement.executeQuery("SELECT @@expire_logs_days")) {
      row.next();
      return Duration.ofSeconds(Math.round(row.getDouble(1) * 86_400));
    } catch (SQLException newerServer) {
      return Duration.ZERO; // MySQL 8.4 dropped expire_logs_days
    }
  }

  /** Every setting that stops capture, each with its fix; empty when all is well. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!logBin) {
      problems.add("binary logging is off (log_bin=OFF): add 'log_bin=mysql-bin' and"
          + " 'server_id=1' under [mysqld] in my.cnf and restart the server");
    }
    if (!"ROW".equalsIgnoreCase(binlogFormat)) {
      problems.add("binlog_format is " + binlogFormat + ", change capture needs ROW: run SET GLOBAL"
          + " binlog_format = 'ROW' and put 'binlog_format=ROW' under [mysqld] in my.cnf"
          + " (connections already open keep the old format until they reconnect)");
    }
    if (rowImage != null && !"FULL".equalsIgnoreCase(rowImage)) {
      problems.add("binlog_row_image is " + rowImage + ", change capture needs FULL (every column"
          + " of the old and new row): run SET GLOBAL binlog_row_image = 'FULL' and put"
          + " 'binlog_row_image=FULL' under [mysqld] in my.cnf");
    }
    if (!hasPrivilege("REPLICATION SLAVE", "REPLICATION REPLICA")) {
      problems.add("user " + user + " lacks REPLICATION SLAVE, which reading the binlog needs: run"
          + " GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO " + grantee());
    }
    if (!hasPrivilege("REPLICATION CLIENT", "BINLOG MONITOR", "SUPER")) {
      problems.add("user " + user + " lacks REPLICATION CLIENT, which SHOW MASTER STATUS needs: run"
          + " GRANT REPLICATION CLIENT ON *.* TO " + grantee());
    }
    return problems;
  }

  /** A warning when binlogs may be purged before a stopped task resumes; empty when none. */
  List<String> warnings() {
    if (retention.isZero() || retention.compareTo(MIN_RETENTION) >= 0) {
      return List.of();
    }
    return List.of("binlogs are kept only " + retention.toSeconds() + " s: a task stopped longer"
        + " cannot resume; keep them a day or more with SET GLOBAL binlog_expire_logs_seconds ="
        + " 86400 and 'binlog_expire_logs_seconds=86400' in my.cnf (MariaDB before 10.6:"
        + " expire_logs_days = 1)");
  }

  /** Fails with every problem at once, as a user error. */
  void require(String endpoint) {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "the source " + endpoint
          + " cannot be captured: " + String.join("; ", problems));
    }
  }

  private boolean hasPrivilege(String... names) {
    for (String grant : grants) {
      String line = grant.toUpperCase(Locale.ROOT);
      if (!line.contains(" ON *.* ")) {
        continue;
      }
      if (line.startsWith("GRANT ALL PRIVILEGES")) {
        return true;
      }
      for (String name : names) {
        if (line.contains(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code 'user'@'host'} from {@code user@host}. */
  private String grantee() {
    int at = user.lastIndexOf('@');
    return at < 0 ? "'" + user + "'"
        : "'" + user.substring(0, at) + "'@'" + user.substring(at + 1) + "'";
  }
}
