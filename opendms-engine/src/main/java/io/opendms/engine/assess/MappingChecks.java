package io.opendms.engine.assess;

import io.opendms.engine.mapping.SelectionRule;
import io.opendms.engine.mapping.SelectionRule.Action;
import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.assess.CheckResult;
import io.opendms.spi.assess.CheckStatus;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Checks of the table mappings against what the source has, needing no further query: rules
 * that select nothing, and source tables that end up with one target name.
 */
final class MappingChecks {
  static final String TABLES_EXIST = "opendms-check-selected-tables-exist";
  static final String NAME_COLLISION = "opendms-check-target-name-collision";

  private MappingChecks() {}

  /**
   * A rule naming one table exactly (explicit, or include without wildcards) that matches no
   * selected table fails: the user expects that table. A wildcard include matching nothing only
   * warns, since an empty pattern may be intended.
   */
  static CheckResult selectedTablesExist(TableMappings mappings, List<TablePlan> plans) {
    var missing = new ArrayList<String>();
    var unmatched = new ArrayList<String>();
    for (SelectionRule rule : mappings.selectionRules()) {
      if (rule.action() == Action.EXCLUDE
          || plans.stream().anyMatch(p -> rule.matches(p.source().id(), false))) {
        continue;
      }
      if (rule.action() == Action.EXPLICIT || namesOneTable(rule)) {
        missing.add(rule.schemaName().text() + "." + rule.tableName().text());
      } else {
        unmatched.add(rule.toString());
      }
    }
    if (!missing.isEmpty()) {
      return new CheckResult(TABLES_EXIST, CheckStatus.FAILED,
          "the table mappings name " + missing.size() + " table(s) the source does not have"
              + " (or an exclude rule removes): " + String.join(", ", missing), missing,
          "create the tables on the source, or correct schema-name/table-name in the"
              + " selection rules (names are case-sensitive)");
    }
    if (!unmatched.isEmpty()) {
      return new CheckResult(TABLES_EXIST, CheckStatus.WARNING,
          "selection rule(s) match no table: " + String.join("; ", unmatched), unmatched,
          "check the rule's schema-name and table-name patterns (case-sensitive) and that the"
              + " source endpoint points at the right database");
    }
    return CheckResult.passed(TABLES_EXIST,
        "every selection rule matches at least one table (" + plans.size() + " selected)");
  }

  /** {@code _} counts as literal: a name like order_items matching nothing is a missing table. */
  private static boolean namesOneTable(SelectionRule rule) {
    return isLiteral(rule.schemaName().text()) && isLiteral(rule.tableName().text());
  }

  private static boolean isLiteral(String pattern) {
    return pattern.chars().noneMatch(c -> c == '%' || c == '[');
  }

  /** Two source tables written to one target table would mix or overwrite each other's rows. */
  static CheckResult nameCollisions(List<TablePlan> plans, UnaryOperator<TableId> placement) {
    Map<TableId, List<TableId>> sourcesByTarget = new TreeMap<>();
    for (TablePlan plan : plans) {
      sourcesByTarget.computeIfAbsent(placement.apply(plan.target().id()), id -> new ArrayList<>())
          .add(plan.source().id());
    }
    var collisions = new ArrayList<String>();
    sourcesByTarget.forEach((target, sources) -> {
      if (sources.size() > 1) {
        collisions.add(target + " <- " + sources.stream().map(TableId::toString).sorted()
            .reduce((a, b) -> a + ", " + b).orElseThrow());
      }
    });
    if (collisions.isEmpty()) {
      return CheckResult.passed(NAME_COLLISION, "every selected table has its own target name");
    }
    return new CheckResult(NAME_COLLISION, CheckStatus.FAILED,
        "several source tables map to one target table: " + String.join("; ", collisions),
        collisions,
        "exclude all but one of each group, or give them distinct target names (leave"
            + " TargetMetadata.TargetSchema empty so each keeps its schema; for MySQL also set"
            + " MultipleDatabases; or add rename rules)");
  }
}
