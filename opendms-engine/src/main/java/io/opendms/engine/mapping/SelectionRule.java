package io.opendms.engine.mapping;

import io.opendms.spi.table.TableId;
import java.util.List;
import java.util.Objects;

/**
 * One DMS selection rule: which schemas and tables it includes or excludes.
 *
 * @param ruleId the rule's {@code rule-id}, unique in the document
 * @param ruleName the rule's {@code rule-name}, unique in the document
 * @param action include, exclude or explicit
 * @param schemaName the {@code object-locator.schema-name}; exact for explicit rules
 * @param tableName the {@code object-locator.table-name}; exact for explicit rules
 * @param tableType which kind of object it selects ({@code table} when not given)
 * @param loadOrder the {@code load-order}, 0 when not given; higher loads first
 * @param filters the {@code filters} (source filters on columns), AND-ed; include and explicit
 *     rules only
 */
public record SelectionRule(
    long ruleId,
    String ruleName,
    Action action,
    NamePattern schemaName,
    NamePattern tableName,
    TableType tableType,
    int loadOrder,
    List<SourceFilter> filters) {

  /** DMS's {@code rule-action} of a selection rule. */
  public enum Action {
    INCLUDE("include"),
    EXCLUDE("exclude"),
    /** Selects one object by its exact schema and table name. */
    EXPLICIT("explicit");

    private final String dmsName;

    Action(String dmsName) {
      this.dmsName = dmsName;
    }

    /** The spelling in the table-mapping JSON. */
    public String dmsName() {
      return dmsName;
    }
  }

  /** DMS's {@code object-locator.table-type}. */
  public enum TableType {
    TABLE("table"),
    VIEW("view"),
    ALL("all");

    private final String dmsName;

    TableType(String dmsName) {
      this.dmsName = dmsName;
    }

    /** The spelling in the table-mapping JSON. */
    public String dmsName() {
      return dmsName;
    }
  }

  public SelectionRule {
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(schemaName, "schemaName");
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(tableType, "tableType");
    filters = List.copyOf(filters);
    if (action == Action.EXCLUDE && !filters.isEmpty()) {
      throw new IllegalArgumentException("rule-id " + ruleId + ": filters apply to include rules");
    }
    if (ruleId < 0 || loadOrder < 0) {
      throw new IllegalArgumentException(
          "rule-id and load-order must not be negative, got " + ruleId + " and " + loadOrder);
    }
    if (action == Action.EXPLICIT && !(schemaName.isExact() && tableName.isExact())) {
      throw new IllegalArgumentException("rule-id " + ruleId + ": explicit rules take exact names");
    }
  }

  /** A rule without filters. */
  public SelectionRule(long ruleId, String ruleName, Action action, NamePattern schemaName,
      NamePattern tableName, TableType tableType, int loadOrder) {
    this(ruleId, ruleName, action, schemaName, tableName, tableType, loadOrder, List.of());
  }

  /** Whether the object-locator names this object; says nothing about the action. */
  public boolean matches(TableId id, boolean isView) {
    boolean typeMatches =
        tableType == TableType.ALL || (tableType == TableType.VIEW) == isView;
    return typeMatches && schemaName.matches(id.schema()) && tableName.matches(id.name());
  }

  /** {@code rule-id 1 include public.%}, for messages. */
  @Override
  public String toString() {
    String type = tableType == TableType.TABLE ? "" : " (" + tableType.dmsName() + ")";
    String order = loadOrder == 0 ? "" : " load-order " + loadOrder;
    String filtered = filters.isEmpty() ? "" : " with " + filters.size() + " filter(s)";
    return "rule-id " + ruleId + " " + action.dmsName() + " " + schemaName + "." + tableName
        + type + order + filtered;
  }
}
