package io.opendms.engine.validation;

import io.opendms.engine.mapping.TableMappings;
import io.opendms.engine.plan.TablePlan;
import io.opendms.engine.plan.TaskPlanner;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.source.SourceConnector;
import io.opendms.spi.table.TableDefinition;
import io.opendms.spi.table.TableId;
import io.opendms.spi.validation.ComparableEndpoint;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tables to validate: the source tables the mappings select, each with the target table it
 * maps to as the target database describes it (the target is opened with its engine's source
 * connector, which only reads). Both endpoints must be able to compare.
 *
 * @param source the source's comparison role
 * @param target the target's comparison role
 * @param pairs the tables, in the planner's order
 */
public record ValidationTables(
    ComparableEndpoint source,
    ComparableEndpoint target,
    List<ValidationRunner.TablePair> pairs) {

  public ValidationTables {
    pairs = List.copyOf(pairs);
  }

  /**
   * Resolves the mappings on the source and looks the targets up.
   *
   * @throws OpenDmsException UNSUPPORTED when an engine cannot compare; NO_TABLES_SELECTED
   */
  public static ValidationTables resolve(SourceConnector source, SourceConnector target,
      TableMappings mappings, String targetSchema) {
    return of(source, target, new TaskPlanner(mappings, targetSchema).plan(source));
  }

  /** The given plans' tables, looked up on the target. */
  public static ValidationTables of(SourceConnector source, SourceConnector target,
      List<TablePlan> plans) {
    var sourceRole = role(source, "source");
    var targetRole = role(target, "target");
    Set<String> names = plans.stream().map(p -> p.target().id().name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
    List<TableDefinition> found =
        target.discover(id -> names.contains(id.name().toLowerCase(Locale.ROOT)));
    List<ValidationRunner.TablePair> pairs = plans.stream()
        .map(plan -> new ValidationRunner.TablePair(plan.source(), find(found, plan.target().id())))
        .toList();
    return new ValidationTables(sourceRole, targetRole, pairs);
  }

  private static ComparableEndpoint role(SourceConnector connector,
      String side) {
    if (connector instanceof ComparableEndpoint comparable) {
      return comparable;
    }
    throw new OpenDmsException(ErrorCode.UNSUPPORTED, "the " + side + " engine cannot take part"
        + " in data validation in this build (PostgreSQL and MySQL/MariaDB can)");
  }

  /**
   * The table by its name, ignoring case (a MySQL server on a case-insensitive file system
   * reports lower case); else the only table of that name: a target that puts every table in its
   * endpoint's database (MySQL) does not keep the source schema.
   */
  private static Optional<TableDefinition> find(List<TableDefinition> tables, TableId id) {
    Optional<TableDefinition> exact = tables.stream()
        .filter(t -> t.id().toString().equalsIgnoreCase(id.toString())).findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    List<TableDefinition> named =
        tables.stream().filter(t -> t.id().name().equalsIgnoreCase(id.name())).toList();
    return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
  }
}
