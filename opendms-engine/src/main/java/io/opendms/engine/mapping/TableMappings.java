package io.opendms.engine.mapping;

import io.opendms.engine.mapping.SelectionRule.Action;
import io.opendms.engine.mapping.SelectionRule.TableType;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import io.opendms.spi.table.TableDefinition;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A task's table mappings: DMS's table-mapping JSON document ({@code {"rules":[...]}}) with its
 * selection (and their source filters), transformation, table-settings and object-mapping rules.
 * Rule types this version does not apply ({@code post-processing}, {@code validation}) and transformation actions it does not apply (data masking, tablespaces) are
 * rejected with {@link ErrorCode#UNSUPPORTED} by rule-id rather than ignored, so a task never
 * runs with part of its mappings silently dropped.
 *
 * <p>Selection: an object is selected when an {@code include} or {@code explicit} rule matches
 * it and no {@code exclude} rule does (exclude wins, whatever the rule order). What the other
 * rules make of a selected table is {@link #transform}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TableMappings {
  private final List<SelectionRule> selectionRules;
  private final List<TransformationRule> transformationRules;
  private final List<TableSettingsRule> tableSettingsRules;
  private final List<ObjectMappingRule> objectMappingRules;

  TableMappings(List<SelectionRule> selectionRules) {
    this(selectionRules, List.of(), List.of(), List.of());
  }

  TableMappings(List<SelectionRule> selectionRules, List<TransformationRule> transformationRules,
      List<TableSettingsRule> tableSettingsRules, List<ObjectMappingRule> objectMappingRules) {
    if (selectionRules.isEmpty()) {
      throw new IllegalArgumentException("at least one selection rule is required");
    }
    this.selectionRules = List.copyOf(selectionRules);
    this.transformationRules = transformationRules.stream()
        .sorted(Comparator.comparingLong(TransformationRule::ruleId)).toList();
    this.tableSettingsRules = List.copyOf(tableSettingsRules);
    this.objectMappingRules = objectMappingRules.stream()
        .sorted(Comparator.comparingLong(ObjectMappingRule::ruleId)).toList();
  }

  /**
   * Reads a table-mapping document.
   *
   * @throws OpenDmsException {@link ErrorCode#INVALID_TABLE_MAPPINGS} listing every problem,
   *     each naming the rule-id (or the rule's index when it has none) and the field; or {@link
   *     ErrorCode#UNSUPPORTED} when the document is valid but uses what this version does not
   *     apply yet
   */
  public static TableMappings parse(String json) {
    return new TableMappingsReader().read(json);
  }

  /** The mappings of one rule including every table of every schema ({@code %.%}). */
  public static TableMappings includeEverything() {
    return new TableMappings(
        List.of(
            new SelectionRule(
                1,
                "include-everything",
                Action.INCLUDE,
                NamePattern.wildcard("%"),
                NamePattern.wildcard("%"),
                TableType.TABLE,
                0)));
  }

  /** Whether the base table (not a view) of this name is selected. */
  public boolean selects(TableId table) {
    return selects(table, false);
  }

  /** Whether the view of this name is selected (DMS loads views in full-load tasks only). */
  public boolean selectsView(TableId view) {
    return selects(view, true);
  }

  /**
   * The load order of a table: the highest {@code load-order} among the rules selecting it, 0
   * when none gives one or the table is not selected. Higher loads first.
   */
  public int loadOrder(TableId table) {
    if (!selects(table)) {
      return 0;
    }
    return selectionRules.stream()
        .filter(rule -> rule.action() != Action.EXCLUDE && rule.matches(table, false))
        .mapToInt(SelectionRule::loadOrder)
        .max()
        .orElse(0);
  }

  /** The selection rules in document order. */
  public List<SelectionRule> selectionRules() {
    return selectionRules;
  }

  /** The transformation rules in rule-id order. */
  public List<TransformationRule> transformationRules() {
    return transformationRules;
  }

  /** The table-settings rules in document order. */
  public List<TableSettingsRule> tableSettingsRules() {
    return tableSettingsRules;
  }

  /** The table-settings rule of this table (exact names), if any. */
  public Optional<TableSettingsRule> tableSettings(TableId table) {
    return tableSettingsRules.stream()
        .filter(r -> r.schemaName().equals(table.schema()) && r.tableName().equals(table.name()))
        .findFirst();
  }

  /** The object-mapping rules in rule-id order. */
  public List<ObjectMappingRule> objectMappingRules() {
    return objectMappingRules;
  }

  /**
   * The object-mapping rule of this source table: the one with the lowest rule-id among those
   * naming it, as DMS gives one rule per object.
   */
  public Optional<ObjectMappingRule> objectMapping(TableId table) {
    return objectMappingRules.stream().filter(r -> r.matches(table)).findFirst();
  }

  /**
   * What the rules make of a selected source table: target name, columns, key, the source
   * filter typed by its columns, how rows and changes are transformed, and its table settings.
   *
   * @param targetSchema DMS {@code TargetMetadata.TargetSchema}; empty keeps the source schema.
   *     A schema rule matching the table wins over it.
   * @throws OpenDmsException {@link ErrorCode#INVALID_TABLE_MAPPINGS} naming the rule-id when a
   *     rule does not fit the table: a filter on a missing column or with a value its type
   *     cannot hold, an added column that exists, a key column removed
   */
  public TableTransform transform(TableDefinition table, String targetSchema) {
    return transform(table, targetSchema, LobMode.WHOLE);
  }

  /**
   * Like {@link #transform(TableDefinition, String)}, with the task's LOB mode (DMS's {@code
   * TargetMetadata}), which the table's {@code lob-settings} override: without LOB support, LOB
   * columns (CLOB, NCLOB, BLOB) are left out of the target, except those of the primary key; in
   * limited mode their values are cut.
   */
  public TableTransform transform(TableDefinition table, String targetSchema, LobMode taskLobs) {
    return new TableTransformer(this, table, taskLobs).transform(targetSchema);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TableMappings that && selectionRules.equals(that.selectionRules)
        && transformationRules.equals(that.transformationRules)
        && tableSettingsRules.equals(that.tableSettingsRules)
        && objectMappingRules.equals(that.objectMappingRules);
  }

  @Override
  public int hashCode() {
    return selectionRules.hashCode();
  }

  @Override
  public String toString() {
    return "TableMappings" + selectionRules
        + (transformationRules.isEmpty() ? "" : transformationRules)
        + (tableSettingsRules.isEmpty() ? "" : " and " + tableSettingsRules.size()
            + " table-settings rule(s)")
        + (objectMappingRules.isEmpty() ? "" : " and " + objectMappingRules.size()
            + " object-mapping rule(s)");
  }

  private boolean selects(TableId id, boolean isView) {
    boolean included = false;
    for (SelectionRule rule : selectionRules) {
      if (rule.matches(id, isView)) {
        if (rule.action() == Action.EXCLUDE) {
          return false;
        }
        included = true;
      }
    }
    return included;
  }
}
