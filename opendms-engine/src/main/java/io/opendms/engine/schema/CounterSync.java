package io.opendms.engine.schema;

import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.error.ErrorCategory;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.schema.SchemaObjectTarget;
import io.opendms.spi.schema.SchemaSource;
import io.opendms.spi.schema.StandaloneSequence;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Sets the identity, serial and AUTO_INCREMENT counters of the planned target tables, and the
 * standalone sequences of their schemas, to where the source's stand now, so that rows inserted on the target after cut-over do not collide with
 * migrated ones. Read on the source at call time, outside any snapshot: run it when writes on the
 * source have stopped. One table's failure is reported in its result and the others go on; a lost
 * connection (a transient error) throws. Called on one thread.
 */
public final class CounterSync {

  /**
   * One counter's or sequence's outcome.
   *
   * @param name {@code schema.table.column} of a target table's counter, or {@code sequence
   *     schema.name} of a standalone sequence
   * @param sourceNext the source's next value
   * @param targetNext the target's next value now; empty when the target has no counter for it
   *     or it failed
   * @param error why it failed; null otherwise
   */
  public record Result(String name, long sourceNext, OptionalLong targetNext, String error) {

    @Override
    public String toString() {
      if (error != null) {
        return name + ": not set: " + error;
      }
      return targetNext.isEmpty()
          ? name + ": the target has no counter for it (source's next value " + sourceNext + ")"
          : name + ": next value " + targetNext.getAsLong() + " (source's " + sourceNext + ")";
    }
  }

  private final SchemaSource source;
  private final SchemaObjectTarget target;
  private final List<TablePlan> plans;

  public CounterSync(SchemaSource source, SchemaObjectTarget target, List<TablePlan> plans) {
    this.source = source;
    this.target = target;
    this.plans = List.copyOf(plans);
  }

  /**
   * Sets every counter of the planned tables, then the standalone sequences of their schemas
   * (in the schema the plans map each source schema to); returns one result for each.
   */
  public List<Result> run() {
    Map<TableId, TablePlan> bySource = new HashMap<>();
    Map<String, String> schemas = new LinkedHashMap<>();
    for (TablePlan plan : plans) {
      bySource.put(plan.source().id(), plan);
      schemas.putIfAbsent(plan.source().id().schema(), plan.target().id().schema());
    }
    List<Result> results = new ArrayList<>();
    for (IdentityCounter counter : source.identityCounters(bySource::containsKey)) {
      TablePlan plan = bySource.get(counter.table());
      String name = plan.target().id() + "." + counter.column();
      if (plan.target().columns().stream().noneMatch(c -> c.name().equals(counter.column()))) {
        results.add(new Result(name, counter.nextValue(), OptionalLong.empty(),
            "the target table has no column " + counter.column()));
      } else {
        results.add(attempt(name, counter.nextValue(), () -> target.syncCounter(
            new IdentityCounter(plan.target().id(), counter.column(), counter.nextValue()))));
      }
    }
    for (StandaloneSequence sequence : source.standaloneSequences(schemas.keySet())) {
      TableId name = new TableId(schemas.get(sequence.name().schema()), sequence.name().name());
      results.add(attempt("sequence " + name, sequence.nextValue(), () -> target.syncSequence(
          new StandaloneSequence(name, sequence.start(), sequence.increment(),
              sequence.minValue(), sequence.maxValue(), sequence.cycle(),
              sequence.nextValue()))));
    }
    return results;
  }

  private static Result attempt(String name, long sourceNext, Supplier<OptionalLong> set) {
    try {
      return new Result(name, sourceNext, set.get(), null);
    } catch (OpenDmsException e) {
      if (e.category() == ErrorCategory.TRANSIENT) {
        throw e;
      }
      return new Result(name, sourceNext, OptionalLong.empty(), e.getMessage());
    }
  }
}
