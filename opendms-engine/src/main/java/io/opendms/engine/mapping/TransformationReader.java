package io.opendms.engine.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.engine.mapping.TransformationRule.Action;
import io.opendms.engine.mapping.TransformationRule.BeforeImageDef;
import io.opendms.engine.mapping.TransformationRule.PrimaryKeyDef;
import io.opendms.engine.mapping.TransformationRule.Target;
import io.opendms.engine.mapping.expression.Expression;
import io.opendms.engine.mapping.expression.ExpressionException;
import io.opendms.spi.type.DataType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one transformation rule, checking that its target, locator and fields fit its action;
 * every problem names the rule-id and the field.
 */
final class TransformationReader {
  private static final Set<String> KEYS = Set.of("rule-type", "rule-id", "rule-name",
      "rule-action", "rule-target", "object-locator", "value", "old-value", "expression",
      "data-type", "primary-key-def", "before-image-def");
  private static final Set<String> LOCATOR_KEYS = Set.of("schema-name", "table-name",
      "column-name", "data-type", "table-tablespace-name", "index-tablespace-name");

  private static final Set<Action> COLUMN_ONLY = EnumSet.of(Action.REMOVE_COLUMN,
      Action.INCLUDE_COLUMN, Action.ADD_COLUMN, Action.CHANGE_DATA_TYPE,
      Action.ADD_BEFORE_IMAGE_COLUMNS);
  private static final Set<Action> NEEDS_VALUE = EnumSet.of(Action.RENAME, Action.ADD_COLUMN,
      Action.ADD_PREFIX, Action.REMOVE_PREFIX, Action.REPLACE_PREFIX, Action.ADD_SUFFIX,
      Action.REMOVE_SUFFIX, Action.REPLACE_SUFFIX);

  private final List<String> unsupported;

  TransformationReader(List<String> unsupported) {
    this.unsupported = unsupported;
  }

  /** The rule, or null when a problem was reported or it is not supported. */
  TransformationRule read(JsonFields fields, Long id, String name, int problemsBefore,
      List<String> problems) {
    fields.rejectUnknown(KEYS, "a transformation rule");
    Action action = fields.choice("rule-action", Action.values(), Action::dmsName, true);
    Target target = fields.choice("rule-target", Target.values(), Target::dmsName, true);
    JsonNode locatorNode = fields.object("object-locator", true);
    if (action == null || target == null || locatorNode == null) {
      return null;
    }
    if (target == Target.TABLE_TABLESPACE || target == Target.INDEX_TABLESPACE
        || action.dmsName().startsWith("data-masking")) {
      unsupported.add(fields.label() + " (transformation): " + (action.dmsName().startsWith(
          "data-masking") ? "rule-action " + action.dmsName() : "rule-target "
          + target.dmsName() + " (Oracle only)") + " is not supported by this version");
      return null;
    }
    checkTarget(fields, action, target);
    JsonFields locator = fields.nested("object-locator", locatorNode);
    locator.rejectUnknown(LOCATOR_KEYS, "a transformation rule's object-locator");
    NamePattern schema = locator.wildcard("schema-name", true);
    NamePattern table = target == Target.SCHEMA ? noKey(locator, "table-name", target)
        : locator.wildcard("table-name", true);
    boolean columnRequired = target == Target.COLUMN && action != Action.ADD_COLUMN
        && action != Action.ADD_BEFORE_IMAGE_COLUMNS;
    NamePattern column = target == Target.COLUMN ? locator.wildcard("column-name", columnRequired)
        : noKey(locator, "column-name", target);
    String dataTypeName = locator.text("data-type", false);
    if (action == Action.DEFINE_PRIMARY_KEY) {
      exactNames(locator, schema, table);
    }
    boolean computedRename = action == Action.RENAME && fields.has("expression");
    String value = NEEDS_VALUE.contains(action) && !computedRename ? fields.text("value", true)
        : computedRename ? notBoth(fields) : unexpected(fields, "value", action);
    String oldValue = action == Action.REPLACE_PREFIX || action == Action.REPLACE_SUFFIX
        ? fields.text("old-value", true) : unexpected(fields, "old-value", action);
    Expression expression = action == Action.ADD_COLUMN ? expression(fields)
        : computedRename ? renameExpression(fields) : nothing(fields, "expression", action);
    DataType dataType = action == Action.ADD_COLUMN || action == Action.CHANGE_DATA_TYPE
        ? DataTypeReader.read(fields, unsupported) : dataTypeNotTaken(fields, action);
    PrimaryKeyDef primaryKey = action == Action.DEFINE_PRIMARY_KEY ? primaryKey(fields)
        : nothing(fields, "primary-key-def", action);
    BeforeImageDef beforeImage = action == Action.ADD_BEFORE_IMAGE_COLUMNS ? beforeImage(fields)
        : nothing(fields, "before-image-def", action);
    if (problems.size() > problemsBefore || id == null || name == null) {
      return null;
    }
    if ((action == Action.ADD_COLUMN || action == Action.CHANGE_DATA_TYPE) && dataType == null) {
      return null;
    }
    return new TransformationRule(id, name, target, action, schema, table, column, dataTypeName,
        value, oldValue, expression, dataType, primaryKey, beforeImage);
  }

  private static void checkTarget(JsonFields fields, Action action, Target target) {
    if (COLUMN_ONLY.contains(action) && target != Target.COLUMN) {
      fields.problem("rule-target", "must be column for " + action.dmsName() + ", got "
          + target.dmsName());
    } else if (action == Action.DEFINE_PRIMARY_KEY && target != Target.TABLE) {
      fields.problem("rule-target", "must be table for define-primary-key, got "
          + target.dmsName());
    }
  }

  private static NamePattern noKey(JsonFields locator, String key, Target target) {
    if (locator.has(key)) {
      locator.problem(key, "is not taken by rule-target " + target.dmsName());
    }
    return null;
  }

  private static void exactNames(JsonFields locator, NamePattern schema, NamePattern table) {
    if (schema != null && schema.text().contains("%")) {
      locator.problem("schema-name", "must be an exact name for define-primary-key, got '"
          + schema + "'");
    }
    if (table != null && table.text().contains("%")) {
      locator.problem("table-name", "must be an exact name for define-primary-key, got '"
          + table + "'");
    }
  }

  private static String unexpected(JsonFields fields, String key, Action action) {
    if (fields.has(key)) {
      fields.problem(key, "is not taken by rule-action " + action.dmsName());
    }
    return null;
  }

  private static <T> T nothing(JsonFields fields, String key, Action action) {
    unexpected(fields, key, action);
    return null;
  }

  private static String notBoth(JsonFields fields) {
    if (fields.has("value")) {
      fields.problem("value", "and expression are both given; a rename takes one of them");
    }
    return null;
  }

  /** A computed rename sees only the object's names and types ($AR_M_...), not row values. */
  private static Expression renameExpression(JsonFields fields) {
    Expression expression = expression(fields);
    if (expression == null) {
      return null;
    }
    for (String variable : expression.variables()) {
      if (!variable.startsWith("AR_M_")) {
        fields.problem("expression", "of a rename reads $" + variable + "; it may read only"
            + " $AR_M_SOURCE_SCHEMA, $AR_M_SOURCE_TABLE_NAME, $AR_M_SOURCE_COLUMN_NAME and"
            + " $AR_M_SOURCE_COLUMN_DATATYPE");
        return null;
      }
    }
    return expression;
  }

  private static DataType dataTypeNotTaken(JsonFields fields, Action action) {
    return nothing(fields, "data-type", action);
  }

  private static Expression expression(JsonFields fields) {
    String text = fields.text("expression", true);
    if (text == null) {
      return null;
    }
    try {
      return Expression.parse(text);
    } catch (ExpressionException e) {
      fields.problem("expression", e.getMessage() + " in '" + text + "'");
      return null;
    }
  }

  private static PrimaryKeyDef primaryKey(JsonFields fields) {
    JsonNode node = fields.object("primary-key-def", true);
    if (node == null) {
      return null;
    }
    JsonFields def = fields.nested("primary-key-def", node);
    def.rejectUnknown(Set.of("name", "origin", "columns"), "a primary-key-def");
    String name = def.text("name", true);
    String origin = def.text("origin", false);
    if (origin != null && !origin.equals("primary-key") && !origin.equals("unique-index")) {
      def.problem("origin", "must be primary-key or unique-index, got '" + origin + "'");
    }
    List<String> columns = def.textList("columns", true);
    if (name == null || columns == null) {
      return null;
    }
    if (columns.stream().distinct().count() != columns.size()) {
      def.problem("columns", "names a column twice: " + columns);
      return null;
    }
    return new PrimaryKeyDef(name, "unique-index".equals(origin), columns);
  }

  private static BeforeImageDef beforeImage(JsonFields fields) {
    JsonNode node = fields.object("before-image-def", false);
    if (node == null) {
      return BeforeImageDef.DEFAULT;
    }
    JsonFields def = fields.nested("before-image-def", node);
    def.rejectUnknown(Set.of("column-prefix", "column-suffix", "column-filter"),
        "a before-image-def");
    String prefix = node.hasNonNull("column-prefix") ? node.get("column-prefix").asText() : "BI_";
    String suffix = node.hasNonNull("column-suffix") ? node.get("column-suffix").asText() : "";
    BeforeImageDef.ColumnFilter filter = node.hasNonNull("column-filter")
        ? def.choice("column-filter", BeforeImageDef.ColumnFilter.values(),
            BeforeImageDef.ColumnFilter::dmsName, true)
        : BeforeImageDef.ColumnFilter.PK_ONLY;
    if (prefix.isEmpty() && suffix.isEmpty()) {
      def.problem("column-prefix", "and column-suffix must not both be empty: the before-image"
          + " columns would take the names of the columns themselves");
      return null;
    }
    return filter == null ? null : new BeforeImageDef(prefix, suffix, filter);
  }
}
