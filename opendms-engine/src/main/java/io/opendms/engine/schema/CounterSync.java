package io.opendms.engine.schema;

import io.opendms.engine.plan.TablePlan;
import io.opendms.spi.error.ErrorCategory;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.schema.IdentityCounter;
import io.opendms.spi.schema.SchemaObjectTarget;
import io.opendms.spi.schema.SchemaSource;
import io.opendms.spi.table.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Sets the identity, serial and AUTO_INCREMENT counters of the planned target tables to where the
 * source's stand now, so that rows inserted on the target after cut-over do not collide with
 * migrated ones. Read on the source at call time, outside any snapshot: run it when writes on the
 * source have stopped. One table's failure is reported in its result and the others go on; a lost
 * connection (a transient error) throws. Called on one thread.
 */
public final class CounterSync {

  /**
   * One counter's outcome.
   *
   * @param plan the table
   * @param column the column the counter fills
   * @param sourceNext the source's next value
   * @param targetNext the target's next value now; empty when the target column has no counter
   *     or it failed
   * @param error why it failed; null otherwise
   */
  public record Result(TablePlan plan, String column, long sourceNext, OptionalLong targetNext,
      String error) {

    @Override
    public String toString() {
      String where = plan.target().id() + "." + column;
      if (error != null) {
        return where + ": not set: " + error;
      }
      return targetNext.isEmpty()
          ? where + ": the target column has no counter (source's next value " + sourceNext + ")"
          : where + ": next value " + targetNext.getAsLong() + " (source's " + sourceNext + ")";
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

  /** Sets every counter; returns one result per source counter of a planned table. */
  public List<Result> run() {
    Map<TableId, TablePlan> bySource = new HashMap<>();
    plans.forEach(p -> bySource.put(p.source().id(), p));
    List<Result> results = new ArrayList<>();
    for (IdentityCounter counter : source.identityCounters(bySource::containsKey)) {
      TablePlan plan = bySource.get(counter.table());
      if (plan.target().columns().stream().noneMatch(c -> c.name().equals(counter.column()))) {
        results.add(new Result(plan, counter.column(), counter.nextValue(), OptionalLong.empty(),
            "the target table has no column " + counter.column()));
        continue;
      }
      try {
        OptionalLong set = target.syncCounter(
            new IdentityCounter(plan.target().id(), counter.column(), counter.nextValue()));
        results.add(new Result(plan, counter.column(), counter.nextValue(), set, null));
      } catch (OpenDmsException e) {
        if (e.category() == ErrorCategory.TRANSIENT) {
          throw e;
        }
        results.add(new Result(plan, counter.column(), counter.nextValue(), OptionalLong.empty(),
            e.getMessage()));
      }
    }
    return results;
  }
}
