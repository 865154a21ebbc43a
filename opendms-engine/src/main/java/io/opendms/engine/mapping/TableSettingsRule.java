package io.opendms.engine.mapping;

import java.util.List;
import java.util.Objects;

/**
 * One DMS table-settings rule: how one table (exact names) is loaded.
 *
 * @param ruleId the {@code rule-id}
 * @param ruleName the {@code rule-name}
 * @param schemaName exact schema name
 * @param tableName exact table name
 * @param parallelLoad the {@code parallel-load}; null when not given
 * @param lobSettings the {@code lob-settings}; null when not given
 */
public record TableSettingsRule(
    long ruleId,
    String ruleName,
    String schemaName,
    String tableName,
    ParallelLoad parallelLoad,
    LobSettings lobSettings) {

  public TableSettingsRule {
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(schemaName, "schemaName");
    Objects.requireNonNull(tableName, "tableName");
  }

  /**
   * {@code parallel-load}.
   *
   * @param type how the table is split
   * @param columns the {@code columns} of {@code ranges}
   * @param boundaries the {@code boundaries} of {@code ranges}, as text: each the inclusive upper
   *     bound of one segment, one value per column
   * @param partitions the {@code partitions} of {@code partitions-list}
   */
  public record ParallelLoad(
      Type type, List<String> columns, List<List<String>> boundaries, List<String> partitions) {
    public ParallelLoad {
      Objects.requireNonNull(type, "type");
      columns = List.copyOf(columns);
      boundaries = boundaries.stream().map(List::copyOf).toList();
      partitions = List.copyOf(partitions);
    }

    /** {@code parallel-load.type}. */
    public enum Type {
      PARTITIONS_AUTO("partitions-auto"),
      SUBPARTITIONS_AUTO("subpartitions-auto"),
      PARTITIONS_LIST("partitions-list"),
      RANGES("ranges"),
      NONE("none");

      private final String dmsName;

      Type(String dmsName) {
        this.dmsName = dmsName;
      }

      public String dmsName() {
        return dmsName;
      }
    }
  }

  /**
   * {@code lob-settings}.
   *
   * @param mode limited, unlimited, or none (the task's LOB settings apply)
   * @param bulkMaxSizeKb {@code bulk-max-size} in KB; 0 when not given
   */
  public record LobSettings(Mode mode, long bulkMaxSizeKb) {
    public LobSettings {
      Objects.requireNonNull(mode, "mode");
    }

    /** {@code lob-settings.mode}. */
    public enum Mode {
      LIMITED("limited"),
      UNLIMITED("unlimited"),
      NONE("none");

      private final String dmsName;

      Mode(String dmsName) {
        this.dmsName = dmsName;
      }

      public String dmsName() {
        return dmsName;
      }
    }
  }
}
