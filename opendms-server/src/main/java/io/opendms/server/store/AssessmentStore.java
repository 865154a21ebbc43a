package io.opendms.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Premigration assessment runs with their results, by run ARN, oldest first. */
public final class AssessmentStore {
  private final MetadataStore store;

  AssessmentStore(MetadataStore store) {
    this.store = store;
  }

  /**
   * One stored run.
   *
   * @param arn the run's ARN
   * @param taskArn the assessed task
   * @param body the ReplicationTaskAssessmentRun shape
   * @param results the individual results so far, in the order they finished
   * @param created when the run was started
   */
  public record StoredRun(
      String arn, String taskArn, ObjectNode body, ArrayNode results, Instant created) {}

  public void insert(StoredRun run) {
    String sql = "INSERT INTO assessment_runs (run_arn, task_arn, body, results, created_millis)"
        + " VALUES (?, ?, ?, ?, ?)";
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, run.arn());
      s.setString(2, run.taskArn());
      s.setString(3, MetadataStore.write(run.body()));
      s.setString(4, MetadataStore.write(run.results()));
      s.setLong(5, run.created().toEpochMilli());
      s.executeUpdate();
    } catch (SQLException e) {
      throw store.failure("store assessment run " + run.arn(), e);
    }
  }

  /** Replaces body and results; false when the run was deleted meanwhile. */
  public boolean update(String arn, ObjectNode body, ArrayNode results) {
    String sql = "UPDATE assessment_runs SET body = ?, results = ? WHERE run_arn = ?";
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, MetadataStore.write(body));
      s.setString(2, MetadataStore.write(results));
      s.setString(3, arn);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw store.failure("update assessment run " + arn, e);
    }
  }

  public Optional<StoredRun> find(String arn) {
    return query("SELECT * FROM assessment_runs WHERE run_arn = ?", arn).stream().findFirst();
  }

  public List<StoredRun> list() {
    return query("SELECT * FROM assessment_runs ORDER BY seq");
  }

  public boolean delete(String arn) {
    try (Connection c = store.connection();
        PreparedStatement s = c.prepareStatement("DELETE FROM assessment_runs WHERE run_arn = ?")) {
      s.setString(1, arn);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw store.failure("delete assessment run " + arn, e);
    }
  }

  private List<StoredRun> query(String sql, String... parameters) {
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = s.executeQuery()) {
        var runs = new ArrayList<StoredRun>();
        while (rows.next()) {
          runs.add(new StoredRun(rows.getString("run_arn"), rows.getString("task_arn"),
              (ObjectNode) MetadataStore.json().readTree(rows.getString("body")),
              (ArrayNode) MetadataStore.json().readTree(rows.getString("results")),
              Instant.ofEpochMilli(rows.getLong("created_millis"))));
        }
        return runs;
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreException("cannot read assessment runs: " + e.getMessage(), e);
    }
  }
}
