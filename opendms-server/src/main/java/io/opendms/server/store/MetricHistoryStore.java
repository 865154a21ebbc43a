package io.opendms.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples of task metrics over time, by task ARN: what the console's charts show. */
public final class MetricHistoryStore {
  private static final TypeReference<LinkedHashMap<String, Double>> VALUES = new TypeReference<>() {};

  private final MetadataStore store;

  MetricHistoryStore(MetadataStore store) {
    this.store = store;
  }

  /**
   * One stored sample.
   *
   * @param time when it was taken
   * @param values metric name to value
   */
  public record Sample(Instant time, Map<String, Double> values) {
    public Sample {
      values = Map.copyOf(values);
    }
  }

  public void append(String taskArn, Sample sample) {
    String sql = "INSERT INTO task_metric_samples (task_arn, sample_millis, metric_values) VALUES (?, ?, ?)";
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, taskArn);
      s.setLong(2, sample.time().toEpochMilli());
      s.setString(3, MetadataStore.write(sample.values()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw store.failure("record a metric sample of " + taskArn, e);
    }
  }

  /** The samples of a task taken at or after {@code from}, oldest first. */
  public List<Sample> since(String taskArn, Instant from) {
    String sql = "SELECT sample_millis, metric_values FROM task_metric_samples"
        + " WHERE task_arn = ? AND sample_millis >= ? ORDER BY sample_millis";
    try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, taskArn);
      s.setLong(2, from.toEpochMilli());
      try (ResultSet rows = s.executeQuery()) {
        var samples = new ArrayList<Sample>();
        while (rows.next()) {
          samples.add(new Sample(Instant.ofEpochMilli(rows.getLong(1)),
              MetadataStore.json().readValue(rows.getString(2), VALUES)));
        }
        return samples;
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreException("cannot read the metric history of " + taskArn + ": " + e.getMessage(), e);
    }
  }

  /** Deletes every sample older than {@code cutoff}; returns how many. */
  public int deleteOlderThan(Instant cutoff) {
    try (Connection c = store.connection();
        PreparedStatement s = c.prepareStatement("DELETE FROM task_metric_samples WHERE sample_millis < ?")) {
      s.setLong(1, cutoff.toEpochMilli());
      return s.executeUpdate();
    } catch (SQLException e) {
      throw store.failure("prune metric samples", e);
    }
  }

  /** Deletes the history of a deleted task. */
  public void forget(String taskArn) {
    try (Connection c = store.connection();
        PreparedStatement s = c.prepareStatement("DELETE FROM task_metric_samples WHERE task_arn = ?")) {
      s.setString(1, taskArn);
      s.executeUpdate();
    } catch (SQLException e) {
      throw store.failure("forget the metric history of " + taskArn, e);
    }
  }
}
