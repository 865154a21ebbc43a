package io.opendms.engine.mapping;

import io.opendms.spi.table.TableId;
import io.opendms.spi.target.ObjectMapping;
import java.util.Objects;

/**
 * One DMS object-mapping rule: which tables it names and what it asks of their target.
 *
 * @param ruleId the {@code rule-id}
 * @param ruleName the {@code rule-name}
 * @param schemaName the locator's schema pattern
 * @param tableName the locator's table pattern
 * @param mapping what the target receives
 */
public record ObjectMappingRule(long ruleId, String ruleName, NamePattern schemaName,
    NamePattern tableName, ObjectMapping mapping) {

  public ObjectMappingRule {
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(schemaName, "schemaName");
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(mapping, "mapping");
  }

  /** Whether the rule names this source table. */
  public boolean matches(TableId table) {
    return schemaName.matches(table.schema()) && tableName.matches(table.name());
  }
}
