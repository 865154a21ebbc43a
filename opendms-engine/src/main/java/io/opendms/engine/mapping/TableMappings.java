package io.opendms.engine.mapping;

import io.opendms.engine.mapping.SelectionRule.Action;
import io.opendms.engine.mapping.SelectionRule.TableType;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.table.TableId;
import java.util.List;

/**
 * A task's table mappings: DMS's table-mapping JSON document ({@code {"rules":[...]}}). This
 * version applies selection rules; other rule types and selection filters are rejected with
 * {@link ErrorCode#UNSUPPORTED} rather than ignored, so a task never runs with part of its
 * mappings silently dropped.
 *
 * <p>Selection: an object is selected when an {@code include} or {@code explicit} rule matches
 * it and no {@code exclude} rule does (exclude wins, whatever the rule order).
 *
 * <p>Immutable and thread-safe.
 */
public final class TableMappings {
  private final List<SelectionRule> selectionRules;

  TableMappings(List<SelectionRule> selectionRules) {
    if (selectionRules.isEmpty()) {
      throw new IllegalArgumentException("at least one selection rule is required");
    }
    this.selectionRules = List.copyOf(selectionRules);
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

  @Override
  public boolean equals(Object other) {
    return other instanceof TableMappings that && selectionRules.equals(that.selectionRules);
  }

  @Override
  public int hashCode() {
    return selectionRules.hashCode();
  }

  @Override
  public String toString() {
    return "TableMappings" + selectionRules;
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
