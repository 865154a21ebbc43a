package io.opendms.engine.mapping;

import io.opendms.engine.mapping.TransformationRule.Action;
import io.opendms.engine.mapping.TransformationRule.BeforeImageDef;
import io.opendms.engine.mapping.TransformationRule.Target;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.RowFilter;
import io.opendms.spi.table.Column;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.target.ObjectMapping;
import io.opendms.spi.target.TargetTable;
import io.opendms.engine.mapping.expression.ExpressionException;
import io.opendms.engine.mapping.expression.ExpressionScope;
import io.opendms.engine.mapping.expression.RowOperation;
import io.opendms.engine.mapping.expression.SqliteValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Applies the transformation and table-settings rules to one source table. Rules are taken in
 * rule-id order; for each object (a schema, a table, a column) the lowest rule-id among the rules
 * that change its name wins, and likewise among those that change a column's type, as DMS gives
 * one transformation action per object. Rules that add (add-column, add-before-image-columns)
 * all apply. One instance per table; not thread-safe.
 */
final class TableTransformer {
  private final TableMappings mappings;
  private final TableDefinition source;
  private final List<TransformationRule> rules;
  private final LobMode lobs;

  TableTransformer(TableMappings mappings, TableDefinition source, LobMode taskLobs) {
    this.mappings = mappings;
    this.source = source;
    this.rules = mappings.transformationRules();
    TableSettingsRule settings = mappings.tableSettings(source.id()).orElse(null);
    this.lobs = settings == null ? taskLobs
        : taskLobs.forTable(settings.lobSettings(), settings.ruleId());
  }

  TableTransform transform(String targetSchema) {
    TableId id = source.id();
    String schema = first(r -> r.target() == Target.SCHEMA && r.action().renames()
        && r.schemaName().matches(id.schema()))
        .map(r -> rename(r, id.schema(), null))
        .orElse(targetSchema.isEmpty() ? id.schema() : targetSchema);
    String table = first(r -> r.target() == Target.TABLE && r.action().renames() && onTable(r))
        .map(r -> rename(r, id.name(), null)).orElse(id.name());
    var columns = new ArrayList<Column>();
    var values = new ArrayList<TargetValue>();
    var names = new ArrayList<String>();
    boolean includeMode = rules.stream()
        .anyMatch(r -> r.action() == Action.INCLUDE_COLUMN && onTable(r));
    for (int i = 0; i < source.columns().size(); i++) {
      Column column = source.columns().get(i);
      if (removed(column, includeMode)) {
        continue;
      }
      String name = first(r -> r.target() == Target.COLUMN && r.action().renames()
          && onColumn(r, column)).map(r -> rename(r, column.name(), column))
          .orElse(column.name());
      Optional<TransformationRule> retype = first(r -> r.action() == Action.CHANGE_DATA_TYPE
          && onColumn(r, column));
      if (retype.isPresent()) {
        columns.add(new Column(name, retype.get().dataType(), column.nullable(), ""));
        values.add(new TargetValue.Copy(i, retype.get().dataType(), retype.get().ruleId()));
      } else {
        // full LOB mode writes a long value after its row, which holds NULL until then
        boolean nullable = column.nullable()
            || (lobs.readsByLookup() && column.type().kind().isLob());
        columns.add(new Column(name, column.type(), nullable, column.nativeType(),
            column.enumLabels()));
        values.add(lobs.truncates() && column.type().kind().isLob()
            ? new TargetValue.TruncatedLob(i, lobs.maxBytes(), lobs.origin())
            : new TargetValue.Copy(i, null, 0));
      }
      names.add(column.name());
    }
    List<String> key = primaryKey(columns, names);
    addBeforeImageColumns(columns, values, names);
    boolean flagsDeletes = addColumns(columns, values);
    TargetTable target = targetTable(new TableId(schema, table), columns, key);
    TableSettingsRule settings = mappings.tableSettings(id).orElse(null);
    boolean ranges = settings != null && settings.parallelLoad() != null
        && settings.parallelLoad().type() == TableSettingsRule.ParallelLoad.Type.RANGES;
    return new TableTransform(source, target, filter(), values, flagsDeletes,
        settings == null ? null : settings.parallelLoad(),
        ranges ? TypedValues.boundaries(settings, source) : List.of(),
        lobs, settings == null ? 0 : settings.ruleId());
  }

  private TargetTable targetTable(TableId id, List<Column> columns, List<String> key) {
    Optional<ObjectMapping> objectMapping = mappings.objectMapping(source.id())
        .map(rule -> ObjectMappingCheck.check(rule, source.id(), columns));
    try {
      return new TargetTable(id, source.engine(), columns, key, objectMapping);
    } catch (IllegalArgumentException e) {
      throw invalid("the transformation rules make " + source.id() + " into a target table "
          + id + " that " + e.getMessage().replace("target table " + id + " ", "")
          + ": " + columns.stream().map(Column::name).toList());
    }
  }

  private boolean removed(Column column, boolean includeMode) {
    if (lobs.kind() == LobMode.Kind.NONE && column.type().kind().isLob()
        && !source.primaryKey().contains(column.name())) {
      return true;
    }
    Optional<TransformationRule> presence = first(r -> (r.action() == Action.REMOVE_COLUMN
        || r.action() == Action.INCLUDE_COLUMN) && onColumn(r, column));
    if (presence.isPresent()) {
      return presence.get().action() == Action.REMOVE_COLUMN;
    }
    return includeMode;
  }

  private List<String> primaryKey(List<Column> columns, List<String> sourceNames) {
    Optional<TransformationRule> define = first(r -> r.action() == Action.DEFINE_PRIMARY_KEY
        && onTable(r));
    if (define.isPresent()) {
      var key = new ArrayList<String>();
      for (String name : define.get().primaryKey().columns()) {
        int at = sourceNames.indexOf(name);
        if (at < 0) {
          at = columns.stream().map(Column::name).toList().indexOf(name);
        }
        if (at < 0) {
          throw invalid("rule-id " + define.get().ruleId() + ": primary-key-def.columns names '"
              + name + "', which is not a column of " + source.id() + " after the rules");
        }
        key.add(columns.get(at).name());
      }
      return key;
    }
    var key = new ArrayList<String>();
    for (String name : source.primaryKey()) {
      int at = sourceNames.indexOf(name);
      if (at < 0) {
        throw invalid("the transformation rules remove column " + name + " of the primary key of "
            + source.id() + "; keep it or give the table another key with define-primary-key");
      }
      key.add(columns.get(at).name());
    }
    return key;
  }

  private void addBeforeImageColumns(List<Column> columns, List<TargetValue> values,
      List<String> sourceNames) {
    Optional<TransformationRule> rule = first(r -> r.action() == Action.ADD_BEFORE_IMAGE_COLUMNS
        && onTable(r));
    if (rule.isEmpty()) {
      return;
    }
    BeforeImageDef def = rule.get().beforeImage();
    int kept = columns.size();
    for (int k = 0; k < kept; k++) {
      int sourceAt = source.columns().stream().map(Column::name).toList()
          .indexOf(sourceNames.get(k));
      Column original = source.columns().get(sourceAt);
      boolean wanted = switch (def.filter()) {
        case PK_ONLY -> source.primaryKey().contains(original.name());
        case NON_LOB -> !original.type().kind().isLob();
        case ALL -> true;
      };
      if (wanted && (rule.get().columnName() == null
          || rule.get().columnName().matches(original.name()))) {
        columns.add(new Column(def.prefix() + columns.get(k).name() + def.suffix(),
            original.type(), true, original.nativeType(), original.enumLabels()));
        values.add(new TargetValue.BeforeImage(sourceAt));
      }
    }
  }

  /** Adds the add-column columns; returns whether one flags deletes (operation_indicator). */
  private boolean addColumns(List<Column> columns, List<TargetValue> values) {
    boolean flagsDeletes = false;
    Set<String> known = new HashSet<>();
    source.columns().forEach(c -> known.add(c.name()));
    for (TransformationRule rule : rules) {
      if (rule.action() != Action.ADD_COLUMN || !onTable(rule)) {
        continue;
      }
      if (columns.stream().anyMatch(c -> c.name().equals(rule.value()))) {
        throw invalid("rule-id " + rule.ruleId() + ": value '" + rule.value() + "' names a column"
            + " that " + source.id() + " already has; add-column needs a new name");
      }
      for (String variable : rule.expression().variables()) {
        if (!known.contains(variable) && !variable.startsWith("AR_H_")
            && !variable.startsWith("AR_M_")) {
          throw invalid("rule-id " + rule.ruleId() + ": expression reads $" + variable
              + ", which is not a column of " + source.id());
        }
      }
      columns.add(new Column(rule.value(), rule.dataType(), true, ""));
      values.add(new TargetValue.Computed(rule.expression(), rule.dataType(), rule.ruleId(),
          rule.value()));
      flagsDeletes |= rule.expression().calls("operation_indicator");
    }
    return flagsDeletes;
  }

  private RowFilter filter() {
    var filters = new ArrayList<RowFilter.ColumnFilter>();
    for (SelectionRule rule : mappings.selectionRules()) {
      if (rule.action() != SelectionRule.Action.EXCLUDE && rule.matches(source.id(), false)) {
        for (int i = 0; i < rule.filters().size(); i++) {
          filters.add(TypedValues.filter(rule, i, source));
        }
      }
    }
    return new RowFilter(filters);
  }

  private Optional<TransformationRule> first(Predicate<TransformationRule> test) {
    return rules.stream().filter(test).findFirst();
  }

  private boolean onTable(TransformationRule rule) {
    return rule.target() != Target.SCHEMA && rule.schemaName().matches(source.id().schema())
        && rule.tableName().matches(source.id().name());
  }

  private boolean onColumn(TransformationRule rule, Column column) {
    return rule.target() == Target.COLUMN && onTable(rule) && rule.columnName() != null
        && rule.columnName().matches(column.name())
        && (rule.dataTypeName() == null
            || rule.dataTypeName().equalsIgnoreCase(column.type().kind().name()));
  }

  private String rename(TransformationRule rule, String name, Column column) {
    if (rule.expression() != null) {
      return computedName(rule, column);
    }
    return rename(rule, name);
  }

  /** The name a rename's expression gives, from the object's $AR_M_ variables. */
  private String computedName(TransformationRule rule, Column column) {
    ExpressionScope scope = new ExpressionScope() {
      @Override
      public Object variable(String name) {
        return switch (name) {
          case "AR_M_SOURCE_SCHEMA" -> source.id().schema();
          case "AR_M_SOURCE_TABLE_NAME" -> source.id().name();
          case "AR_M_SOURCE_COLUMN_NAME" -> column == null ? null : column.name();
          case "AR_M_SOURCE_COLUMN_DATATYPE" ->
              column == null ? null : column.type().kind().name().toLowerCase(Locale.ROOT);
          default -> throw new IllegalArgumentException("$" + name + " is not known here");
        };
      }

      @Override
      public RowOperation operation() {
        return RowOperation.LOAD;
      }

      @Override
      public Instant now() {
        return Instant.now();
      }
    };
    String name;
    try {
      name = SqliteValues.text(rule.expression().evaluate(scope));
    } catch (ExpressionException e) {
      throw invalid("rule-id " + rule.ruleId() + ": expression " + e.getMessage());
    }
    if (name == null || name.isEmpty()) {
      throw invalid("rule-id " + rule.ruleId() + ": expression '" + rule.expression()
          + "' gives no name for " + source.id() + (column == null ? "" : "." + column.name()));
    }
    return name;
  }

  static String rename(TransformationRule rule, String name) {
    String value = rule.value();
    String old = rule.oldValue();
    return switch (rule.action()) {
      case RENAME -> value;
      case CONVERT_LOWERCASE -> name.toLowerCase(Locale.ROOT);
      case CONVERT_UPPERCASE -> name.toUpperCase(Locale.ROOT);
      case ADD_PREFIX -> value + name;
      case ADD_SUFFIX -> name + value;
      case REMOVE_PREFIX -> name.startsWith(value) && name.length() > value.length()
          ? name.substring(value.length()) : name;
      case REMOVE_SUFFIX -> name.endsWith(value) && name.length() > value.length()
          ? name.substring(0, name.length() - value.length()) : name;
      case REPLACE_PREFIX -> name.startsWith(old) ? value + name.substring(old.length()) : name;
      case REPLACE_SUFFIX -> name.endsWith(old)
          ? name.substring(0, name.length() - old.length()) + value : name;
      default -> throw new IllegalArgumentException(rule + " does not rename");
    };
  }

  private static OpenDmsException invalid(String message) {
    return new OpenDmsException(ErrorCode.INVALID_TABLE_MAPPINGS, message);
  }
}
