package io.opendms.connector.postgres;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.position.PgLsn;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Catalog work for capture over an ordinary connection: slots, publications, prerequisites. */
final class ReplicationSlots {

  private final Connection connection;
  private final PostgresErrors errors;

  ReplicationSlots(Connection connection, PostgresErrors errors) {
    this.connection = connection;
    this.errors = errors;
  }

  /** Fails with the setting to change when the server cannot decode logically. */
  void requireLogicalDecoding() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT current_setting('wal_level')")) {
      row.next();
      if (!row.getString(1).equals("logical")) {
        throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "source "
            + errors.endpoint().describe() + " has wal_level=" + row.getString(1)
            + "; change data capture needs wal_level=logical (then restart PostgreSQL)");
      }
    }
  }

  /** The slot's confirmed flush position, when the slot exists in this database. */
  Optional<PgLsn> confirmedFlush(String slot) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT confirmed_flush_lsn::text, plugin, database FROM pg_replication_slots"
            + " WHERE slot_name = ?")) {
      statement.setString(1, slot);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        if (!"pgoutput".equals(row.getString(2))
            || !errors.endpoint().database().equals(row.getString(3))) {
          throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, "replication slot " + slot
              + " exists with plugin " + row.getString(2) + " on database " + row.getString(3)
              + "; OpenDMS needs a pgoutput slot on " + errors.endpoint().database());
        }
        return Optional.ofNullable(row.getString(1)).map(PgLsn::parse);
      }
    }
  }

  /** Drops the slot if it exists; fails when another process is streaming from it. */
  void dropSlot(String slot) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
      statement.setString(1, slot);
      statement.execute();
    }
  }

  /** Creates the publication for the tables when missing; adds tables it lacks. */
  void ensurePublication(String publication, List<TableDefinition> tables) throws SQLException {
    try (PreparedStatement exists =
        connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
      exists.setString(1, publication);
      try (ResultSet row = exists.executeQuery(); Statement statement = connection.createStatement()) {
        String list = tables.stream().map(t -> SqlNames.qualified(t.id())).collect(Collectors.joining(", "));
        if (!row.next()) {
          statement.execute("CREATE PUBLICATION " + SqlNames.quote(publication) + " FOR TABLE " + list);
          return;
        }
        for (TableDefinition table : tables) {
          if (!inPublication(publication, table)) {
            statement.execute("ALTER PUBLICATION " + SqlNames.quote(publication) + " ADD TABLE "
                + SqlNames.qualified(table.id()));
          }
        }
      }
    }
  }

  void dropPublication(String publication) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP PUBLICATION IF EXISTS " + SqlNames.quote(publication));
    }
  }

  private boolean inPublication(String publication, TableDefinition table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT 1 FROM pg_publication_tables WHERE pubname = ? AND schemaname = ? AND tablename = ?")) {
      statement.setString(1, publication);
      statement.setString(2, table.id().schema());
      statement.setString(3, table.id().name());
      try (ResultSet row = statement.executeQuery()) {
        return row.next();
      }
    }
  }

  /**
   * Tables without a primary key whose replica identity is not FULL: PostgreSQL logs no old row
   * for them, so their updates and deletes cannot be applied.
   */
  List<String> identityWarnings(List<TableDefinition> tables) throws SQLException {
    return tablesWithoutIdentity(tables).stream()
        .map(id -> "table " + id + " has no primary key and REPLICA IDENTITY is not"
            + " FULL: its inserts replicate, but PostgreSQL refuses its UPDATEs and DELETEs"
            + " while it is published (run ALTER TABLE " + SqlNames.qualified(id)
            + " REPLICA IDENTITY FULL)")
        .toList();
  }

  /** The tables of {@link #identityWarnings}, by name. */
  List<TableId> tablesWithoutIdentity(List<TableDefinition> tables) throws SQLException {
    var found = new java.util.ArrayList<TableId>();
    for (TableDefinition table : tables) {
      if (table.hasPrimaryKey()) {
        continue;
      }
      try (PreparedStatement statement = connection.prepareStatement(
          "SELECT c.relreplident FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE n.nspname = ? AND c.relname = ?")) {
        statement.setString(1, table.id().schema());
        statement.setString(2, table.id().name());
        try (ResultSet row = statement.executeQuery()) {
          if (row.next() && !row.getString(1).equals("f")) {
            found.add(table.id());
          }
        }
      }
    }
    return found;
  }
}
