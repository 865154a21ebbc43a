package io.opendms.connector.postgres;

import static io.opendms.spi.assess.Check.guarded;

import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.CheckStatus;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.type.DmsType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's premigration checks as a source, read-only: settings, slots and WAL senders in
 * use, replica identities, and the data probes (emptiness, largest LOB). Names are DMS's
 * individual assessment names.
 */
final class PgSourceChecks {
  private final Connection connection;
  private final PostgresErrors errors;

  PgSourceChecks(Connection connection, PostgresErrors errors) {
    this.connection = connection;
    this.errors = errors;
  }

  List<CheckResult> cdcPrerequisites(List<TableDefinition> tables) {
    var results = new ArrayList<CheckResult>();
    results.add(guarded("postgres-check-wallevel", this::walLevel));
    results.add(guarded("postgres-check-replication-slots-count", this::freeSlots));
    results.add(guarded("postgres-check-maxwalsenders", this::freeWalSenders));
    results.add(guarded("postgres-check-walsenderstimeout", this::walSenderTimeout));
    results.add(guarded("postgres-check-longrunningtxn", this::longTransactions));
    results.add(guarded("postgres-check-pk", () -> replicaIdentity(tables)));
    return results;
  }

  boolean isEmpty(TableId table) {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT NOT EXISTS (SELECT 1 FROM " + SqlNames.qualified(table) + ")")) {
      row.next();
      return row.getBoolean(1);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot count rows", table);
    }
  }

  long largestValueBytes(TableId table, Column column) {
    // bytea as bytes; everything else (text, json, xml, arrays) as the text that travels
    String value = column.type().kind() == DmsType.BLOB || column.type().kind() == DmsType.BYTES
        ? SqlNames.quote(column.name())
        : SqlNames.quote(column.name()) + "::text";
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT coalesce(max(octet_length(" + value
            + ")), 0) FROM " + SqlNames.qualified(table))) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw errors.translate(e, "cannot measure column " + column.name(), table);
    }
  }

  private CheckResult walLevel() throws SQLException {
    String level = text("SELECT current_setting('wal_level')");
    if (level.equals("logical")) {
      return CheckResult.passed("postgres-check-wallevel", "wal_level is logical");
    }
    return new CheckResult("postgres-check-wallevel", CheckStatus.FAILED,
        "wal_level is " + level + "; change data capture needs logical decoding",
        List.of("wal_level"),
        "ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL");
  }

  private CheckResult freeSlots() throws SQLException {
    return capacity("postgres-check-replication-slots-count", "max_replication_slots", "slots",
        "SELECT count(*) FROM pg_replication_slots",
        "drop slots no task uses (SELECT pg_drop_replication_slot(slot_name) FROM"
            + " pg_replication_slots WHERE NOT active) or raise max_replication_slots and restart");
  }

  private CheckResult freeWalSenders() throws SQLException {
    return capacity("postgres-check-maxwalsenders", "max_wal_senders", "WAL senders",
        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'walsender'",
        "raise max_wal_senders (ALTER SYSTEM SET max_wal_senders = ...) and restart PostgreSQL,"
            + " or stop a replication client");
  }

  /** DMS: 0 (never) or at least 10 seconds, or the stream is cut while the task waits. */
  private CheckResult walSenderTimeout() throws SQLException {
    String name = "postgres-check-walsenderstimeout";
    long millis = number("SELECT setting::bigint * CASE unit WHEN 's' THEN 1000 WHEN 'min'"
        + " THEN 60000 ELSE 1 END FROM pg_settings WHERE name = 'wal_sender_timeout'");
    if (millis == 0 || millis >= 10_000) {
      return CheckResult.passed(name, "wal_sender_timeout is " + millis + " ms");
    }
    return new CheckResult(name, CheckStatus.WARNING, "wal_sender_timeout is " + millis
        + " ms: the server may cut the replication stream of a busy task",
        List.of("wal_sender_timeout"),
        "ALTER SYSTEM SET wal_sender_timeout = '60s'; SELECT pg_reload_conf()");
  }

  /**
   * A transaction open for more than 10 minutes (DMS's threshold) holds back where the slot can
   * start, so a CDC task's start waits for it.
   */
  private CheckResult longTransactions() throws SQLException {
    String name = "postgres-check-longrunningtxn";
    var sessions = new ArrayList<String>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT pid, coalesce(usename, ''),"
            + " extract(epoch FROM now() - xact_start)::bigint FROM pg_stat_activity"
            + " WHERE xact_start < now() - interval '10 minutes' AND datname = current_database()"
            + " ORDER BY xact_start")) {
      while (rows.next()) {
        sessions.add("pid " + rows.getLong(1) + " (" + rows.getString(2) + ", open "
            + rows.getLong(3) / 60 + " min)");
      }
    }
    if (sessions.isEmpty()) {
      return CheckResult.passed(name, "no transaction has been open longer than 10 minutes");
    }
    return new CheckResult(name, CheckStatus.WARNING, sessions.size() + " transaction(s) open"
        + " longer than 10 minutes: the replication slot cannot start before they end", sessions,
        "end them (commit, or SELECT pg_terminate_backend(pid)) before starting the task");
  }

  /** A CDC task needs one more of what {@code setting} limits: one slot, one WAL sender. */
  private CheckResult capacity(String name, String setting, String what, String usedSql,
      String fix) throws SQLException {
    long max = number("SELECT current_setting('" + setting + "')::int");
    long used = number(usedSql);
    String message = used + " of " + setting + "=" + max + " " + what + " are in use";
    if (used < max) {
      return CheckResult.passed(name, message);
    }
    return new CheckResult(name, CheckStatus.FAILED, message + "; the task needs one more",
        List.of(setting), fix);
  }

  private CheckResult replicaIdentity(List<TableDefinition> tables) throws SQLException {
    List<TableId> missing = new ReplicationSlots(connection, errors).tablesWithoutIdentity(tables);
    if (missing.isEmpty()) {
      return CheckResult.passed("postgres-check-pk",
          "every selected table has a primary key or REPLICA IDENTITY FULL");
    }
    return new CheckResult("postgres-check-pk", CheckStatus.FAILED,
        missing.size() + " table(s) have no primary key and no REPLICA IDENTITY FULL: once"
            + " published, PostgreSQL refuses their UPDATEs and DELETEs",
        missing.stream().map(TableId::toString).toList(),
        "add a primary key, or run ALTER TABLE <table> REPLICA IDENTITY FULL on each");
  }

  private String text(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    }
  }

  private long number(String sql) throws SQLException {
    return Long.parseLong(text(sql));
  }
}
