package io.opendms.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What happens around the resources: events, connection tests, schema lists and the table
 * statistics of task runs.
 */
public final class ActivityStore {
  private final MetadataStore store;

  ActivityStore(MetadataStore store) {
    this.store = store;
  }

  public void addEvent(StoredEvent event) {
    String sql = "INSERT INTO events (source_identifier, source_type, message, categories, event_millis)"
        + " VALUES (?, ?, ?, ?, ?)";
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, event.sourceIdentifier());
      s.setString(2, event.sourceType());
      s.setString(3, event.message());
      s.setString(4, String.join(",", event.categories()));
      s.setLong(5, event.date().toEpochMilli());
      s.executeUpdate();
    } catch (SQLException e) {
      throw store.failure("record an event", e);
    }
  }

  /** Events since {@code from}, oldest first. */
  public List<StoredEvent> events(Instant from) {
    String sql = "SELECT source_identifier, source_type, message, categories, event_millis FROM events"
        + " WHERE event_millis >= ? ORDER BY id";
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, from.toEpochMilli());
      try (ResultSet rows = s.executeQuery()) {
        var events = new ArrayList<StoredEvent>();
        while (rows.next()) {
          String categories = rows.getString(4);
          events.add(new StoredEvent(rows.getString(1), rows.getString(2), rows.getString(3),
              categories.isEmpty() ? List.of() : Arrays.asList(categories.split(",")),
              Instant.ofEpochMilli(rows.getLong(5))));
        }
        return events;
      }
    } catch (SQLException e) {
      throw store.failure("read events", e);
    }
  }

  public void putConnection(StoredConnection connection) {
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement delete = c.prepareStatement(
              "DELETE FROM connections WHERE endpoint_arn = ? AND instance_arn = ?");
          PreparedStatement insert = c.prepareStatement("INSERT INTO connections"
              + " (endpoint_arn, instance_arn, status, last_failure) VALUES (?, ?, ?, ?)")) {
        delete.setString(1, connection.endpointArn());
        delete.setString(2, connection.instanceArn());
        delete.executeUpdate();
        insert.setString(1, connection.endpointArn());
        insert.setString(2, connection.instanceArn());
        insert.setString(3, connection.status());
        insert.setString(4, connection.lastFailureMessage());
        insert.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw store.failure("record a connection test", e);
    }
  }

  public List<StoredConnection> connections() {
    String sql = "SELECT endpoint_arn, instance_arn, status, last_failure FROM connections"
        + " ORDER BY endpoint_arn, instance_arn";
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql);
        ResultSet rows = s.executeQuery()) {
      var result = new ArrayList<StoredConnection>();
      while (rows.next()) {
        result.add(new StoredConnection(rows.getString(1), rows.getString(2), rows.getString(3),
            rows.getString(4)));
      }
      return result;
    } catch (SQLException e) {
      throw store.failure("read connections", e);
    }
  }

  /** Forgets the connection tests and schema lists of a deleted endpoint or instance. */
  public void forget(String arn) {
    try (Connection c = store.connection();
        PreparedStatement connections = c.prepareStatement(
            "DELETE FROM connections WHERE endpoint_arn = ? OR instance_arn = ?");
        PreparedStatement schemas = c.prepareStatement(
            "DELETE FROM endpoint_schemas WHERE endpoint_arn = ?")) {
      connections.setString(1, arn);
      connections.setString(2, arn);
      connections.executeUpdate();
      schemas.setString(1, arn);
      schemas.executeUpdate();
    } catch (SQLException e) {
      throw store.failure("forget " + arn, e);
    }
  }

  public void putSchemas(StoredSchemas schemas) {
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM endpoint_schemas WHERE endpoint_arn = ?");
          PreparedStatement insert = c.prepareStatement("INSERT INTO endpoint_schemas (endpoint_arn,"
              + " instance_arn, status, schemas, refreshed_millis, failure) VALUES (?, ?, ?, ?, ?, ?)")) {
        delete.setString(1, schemas.endpointArn());
        delete.executeUpdate();
        insert.setString(1, schemas.endpointArn());
        insert.setString(2, schemas.instanceArn());
        insert.setString(3, schemas.status());
        insert.setString(4, MetadataStore.write(schemas.schemas()));
        insert.setLong(5, schemas.refreshed().toEpochMilli());
        insert.setString(6, schemas.lastFailureMessage());
        insert.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw store.failure("record schemas", e);
    }
  }

  public Optional<StoredSchemas> schemas(String endpointArn) {
    String sql = "SELECT instance_arn, status, schemas, refreshed_millis, failure FROM endpoint_schemas"
        + " WHERE endpoint_arn = ?";
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, endpointArn);
      try (ResultSet rows = s.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        List<String> names = List.of(MetadataStore.json().readValue(rows.getString(3), String[].class));
        return Optional.of(new StoredSchemas(endpointArn, rows.getString(1), rows.getString(2), names,
            Instant.ofEpochMilli(rows.getLong(4)), rows.getString(5)));
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreException("cannot read schemas of " + endpointArn + ": " + e.getMessage(), e);
    }
  }

  /** Stores the TableStatistics array of a task's latest run. */
  public void putTaskTables(String taskArn, ArrayNode tables) {
    try (Connection c = store.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM task_tables WHERE task_arn = ?");
          PreparedStatement insert =
              c.prepareStatement("INSERT INTO task_tables (task_arn, body) VALUES (?, ?)")) {
        delete.setString(1, taskArn);
        delete.executeUpdate();
        insert.setString(1, taskArn);
        insert.setString(2, MetadataStore.write(tables));
        insert.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw store.failure("record table statistics of " + taskArn, e);
    }
  }

  public Optional<ArrayNode> taskTables(String taskArn) {
    try (Connection c = store.connection();
        PreparedStatement s = c.prepareStatement("SELECT body FROM task_tables WHERE task_arn = ?")) {
      s.setString(1, taskArn);
      try (ResultSet rows = s.executeQuery()) {
        return rows.next()
            ? Optional.of((ArrayNode) MetadataStore.json().readTree(rows.getString(1)))
            : Optional.empty();
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreException("cannot read table statistics of " + taskArn + ": " + e.getMessage(), e);
    }
  }
}
