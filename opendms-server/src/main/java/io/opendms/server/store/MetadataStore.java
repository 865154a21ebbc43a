package io.opendms.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The DMS resources over JDBC. Thread-safe: every call takes a pooled connection and commits on
 * its own. Bodies are stored as JSON text; secrets arrive here already encrypted.
 */
public final class MetadataStore implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HikariDataSource dataSource;
  private final String location;

  private MetadataStore(HikariDataSource dataSource, String location) {
    this.dataSource = dataSource;
    this.location = location;
  }

  /** Connects and brings the schema up to date with Flyway. */
  public static MetadataStore open(StoreLocation location) {
    HikariDataSource dataSource = new HikariDataSource(location.poolConfig());
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:io/opendms/server/store/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new StoreException("cannot migrate the metadata store at " + location.describe()
          + ": " + e.getMessage(), e);
    }
    return new MetadataStore(dataSource, location.describe());
  }

  /** Connections for the other store classes of this package. */
  Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  public TagStore tags() {
    return new TagStore(this);
  }

  public ActivityStore activity() {
    return new ActivityStore(this);
  }

  public AssessmentStore assessments() {
    return new AssessmentStore(this);
  }

  public MetricHistoryStore metricHistory() {
    return new MetricHistoryStore(this);
  }

  public void insert(StoredResource resource) {
    String sql = "INSERT INTO resources (arn, kind, identifier, body, secret, created_millis)"
        + " VALUES (?, ?, ?, ?, ?, ?)";
    try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, resource.arn());
      s.setString(2, resource.kind().name());
      s.setString(3, resource.identifier());
      s.setString(4, write(resource.body()));
      s.setString(5, resource.secret());
      s.setLong(6, resource.created().toEpochMilli());
      s.executeUpdate();
    } catch (SQLException e) {
      throw failure("insert " + resource.arn(), e);
    }
  }

  /** Replaces identifier, body and secret; false when the resource is gone. */
  public boolean update(StoredResource resource) {
    String sql = "UPDATE resources SET identifier = ?, body = ?, secret = ? WHERE arn = ?";
    try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, resource.identifier());
      s.setString(2, write(resource.body()));
      s.setString(3, resource.secret());
      s.setString(4, resource.arn());
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("update " + resource.arn(), e);
    }
  }

  /** Deletes the resource with its tags; false when it was not there. */
  public boolean delete(String arn) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement tags = c.prepareStatement("DELETE FROM tags WHERE arn = ?");
          PreparedStatement tables = c.prepareStatement("DELETE FROM task_tables WHERE task_arn = ?");
          PreparedStatement row = c.prepareStatement("DELETE FROM resources WHERE arn = ?")) {
        tags.setString(1, arn);
        tags.executeUpdate();
        tables.setString(1, arn);
        tables.executeUpdate();
        row.setString(1, arn);
        boolean deleted = row.executeUpdate() == 1;
        c.commit();
        return deleted;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("delete " + arn, e);
    }
  }

  public Optional<StoredResource> find(String arn) {
    List<StoredResource> found = query("SELECT * FROM resources WHERE arn = ?", arn);
    return found.stream().findFirst();
  }

  public Optional<StoredResource> findByIdentifier(ResourceKind kind, String identifier) {
    return query("SELECT * FROM resources WHERE kind = ? AND identifier = ?", kind.name(), identifier)
        .stream().findFirst();
  }

  /** Every resource of a kind, oldest first: a stable order for pagination markers. */
  public List<StoredResource> list(ResourceKind kind) {
    return query("SELECT * FROM resources WHERE kind = ? ORDER BY seq", kind.name());
  }

  private List<StoredResource> query(String sql, String... parameters) {
    try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = s.executeQuery()) {
        var result = new ArrayList<StoredResource>();
        while (rows.next()) {
          result.add(new StoredResource(
              rows.getString("arn"),
              ResourceKind.valueOf(rows.getString("kind")),
              rows.getString("identifier"),
              (ObjectNode) JSON.readTree(rows.getString("body")),
              rows.getString("secret"),
              Instant.ofEpochMilli(rows.getLong("created_millis"))));
        }
        return result;
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreException("cannot read resources from " + location + ": " + e.getMessage(), e);
    }
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  static ObjectMapper json() {
    return JSON;
  }

  RuntimeException failure(String what, SQLException e) {
    // 23505: unique violation in both H2 and PostgreSQL.
    if ("23505".equals(e.getSQLState())) {
      return new DuplicateResourceException("already exists: " + what, e);
    }
    return new StoreException("cannot " + what + " in " + location + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
