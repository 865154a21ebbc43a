package io.opendms.engine.mapping;

import io.opendms.engine.mapping.expression.Expression;
import io.opendms.spi.type.DataType;
import java.util.List;
import java.util.Objects;

/**
 * One DMS transformation rule, validated: its fields are those its action takes.
 *
 * @param ruleId the {@code rule-id}
 * @param ruleName the {@code rule-name}
 * @param target the {@code rule-target}
 * @param action the {@code rule-action}
 * @param schemaName {@code object-locator.schema-name}
 * @param tableName {@code object-locator.table-name}; null for schema rules
 * @param columnName {@code object-locator.column-name}; null when the locator has none
 * @param dataTypeName {@code object-locator.data-type}: only columns of this DMS type; null for any
 * @param value {@code value}: the new name, prefix or suffix, or the added column's name
 * @param oldValue {@code old-value} of replace-prefix and replace-suffix
 * @param expression the {@code expression} of add-column
 * @param dataType the {@code data-type} of change-data-type and add-column
 * @param primaryKey the {@code primary-key-def} of define-primary-key
 * @param beforeImage the {@code before-image-def} of add-before-image-columns
 */
public record TransformationRule(
    long ruleId,
    String ruleName,
    Target target,
    Action action,
    NamePattern schemaName,
    NamePattern tableName,
    NamePattern columnName,
    String dataTypeName,
    String value,
    String oldValue,
    Expression expression,
    DataType dataType,
    PrimaryKeyDef primaryKey,
    BeforeImageDef beforeImage) {

  public TransformationRule {
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(schemaName, "schemaName");
    if (target != Target.SCHEMA) {
      Objects.requireNonNull(tableName, "tableName");
    }
  }

  /** DMS's {@code rule-target}. */
  public enum Target {
    SCHEMA("schema"),
    TABLE("table"),
    COLUMN("column"),
    TABLE_TABLESPACE("table-tablespace"),
    INDEX_TABLESPACE("index-tablespace");

    private final String dmsName;

    Target(String dmsName) {
      this.dmsName = dmsName;
    }

    public String dmsName() {
      return dmsName;
    }
  }

  /** DMS's {@code rule-action} of a transformation rule. */
  public enum Action {
    RENAME("rename"),
    REMOVE_COLUMN("remove-column"),
    INCLUDE_COLUMN("include-column"),
    ADD_COLUMN("add-column"),
    CONVERT_LOWERCASE("convert-lowercase"),
    CONVERT_UPPERCASE("convert-uppercase"),
    ADD_PREFIX("add-prefix"),
    REMOVE_PREFIX("remove-prefix"),
    REPLACE_PREFIX("replace-prefix"),
    ADD_SUFFIX("add-suffix"),
    REMOVE_SUFFIX("remove-suffix"),
    REPLACE_SUFFIX("replace-suffix"),
    DEFINE_PRIMARY_KEY("define-primary-key"),
    CHANGE_DATA_TYPE("change-data-type"),
    ADD_BEFORE_IMAGE_COLUMNS("add-before-image-columns"),
    DATA_MASKING_DIGITS_MASK("data-masking-digits-mask"),
    DATA_MASKING_DIGITS_RANDOMIZE("data-masking-digits-randomize"),
    DATA_MASKING_HASH_MASK("data-masking-hash-mask");

    private final String dmsName;

    Action(String dmsName) {
      this.dmsName = dmsName;
    }

    public String dmsName() {
      return dmsName;
    }

    /** Whether the action changes a name; one such action applies per object. */
    public boolean renames() {
      return switch (this) {
        case RENAME, CONVERT_LOWERCASE, CONVERT_UPPERCASE, ADD_PREFIX, REMOVE_PREFIX,
            REPLACE_PREFIX, ADD_SUFFIX, REMOVE_SUFFIX, REPLACE_SUFFIX -> true;
        default -> false;
      };
    }
  }

  /**
   * {@code primary-key-def}.
   *
   * @param name the key's name
   * @param uniqueIndex {@code origin} is {@code unique-index} rather than {@code primary-key}
   * @param columns the key columns, in order
   */
  public record PrimaryKeyDef(String name, boolean uniqueIndex, List<String> columns) {
    public PrimaryKeyDef {
      columns = List.copyOf(columns);
    }
  }

  /**
   * {@code before-image-def}.
   *
   * @param prefix {@code column-prefix}, {@code BI_} by default
   * @param suffix {@code column-suffix}, empty by default
   * @param filter {@code column-filter}
   */
  public record BeforeImageDef(String prefix, String suffix, ColumnFilter filter) {
    public static final BeforeImageDef DEFAULT = new BeforeImageDef("BI_", "", ColumnFilter.PK_ONLY);

    /** Which columns get a before-image column. */
    public enum ColumnFilter {
      PK_ONLY("pk-only"),
      NON_LOB("non-lob"),
      ALL("all");

      private final String dmsName;

      ColumnFilter(String dmsName) {
        this.dmsName = dmsName;
      }

      public String dmsName() {
        return dmsName;
      }
    }
  }

  /** {@code rule-id 20 rename table sales.%}, for messages. */
  @Override
  public String toString() {
    return "rule-id " + ruleId + " " + action.dmsName() + " " + target.dmsName() + " "
        + schemaName + (tableName == null ? "" : "." + tableName)
        + (columnName == null ? "" : "." + columnName);
  }
}
