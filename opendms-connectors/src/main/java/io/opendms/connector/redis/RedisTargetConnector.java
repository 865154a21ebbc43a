package io.opendms.connector.redis;

import io.opendms.spi.change.ApplyRequest;
import io.opendms.spi.change.ChangeDelivery;
import io.opendms.spi.change.DeliveryTargetConnector;
import io.opendms.spi.data.NativeFormat;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import io.opendms.spi.target.PrepMode;
import io.opendms.spi.target.TablePreparation;
import io.opendms.spi.target.TargetSession;
import io.opendms.spi.target.TargetTable;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis endpoint during one task: a connection per full-load partition and one for change
 * delivery (a Jedis connection is not thread-safe). There is no table to create: preparing a table
 * for a load that starts afresh ({@code DROP_AND_CREATE}, {@code TRUNCATE_BEFORE_LOAD}) removes its
 * keys, {@code DO_NOTHING} keeps them (DMS asks for an empty target; rows are rewritten anyway).
 */
final class RedisTargetConnector implements DeliveryTargetConnector {
  private static final Logger log = LoggerFactory.getLogger(RedisTargetConnector.class);

  private final RedisSettings settings;
  private final RedisRows rows = new RedisRows();

  private RedisTargetConnector(RedisSettings settings) {
    this.settings = settings;
  }

  /** Checks that the server answers (and takes the credentials) before any data moves. */
  static RedisTargetConnector open(RedisSettings settings) {
    RedisWriter.open(settings).close();
    return new RedisTargetConnector(settings);
  }

  @Override
  public void prepare(TargetTable table, TablePreparation preparation) {
    if (table.primaryKey().isEmpty()) {
      throw new OpenDmsException(ErrorCode.UNSUPPORTED, "table " + table.id() + " has no primary"
          + " key: a Redis target keys each row by schema.table.primary-key");
    }
    if (preparation.mode() != PrepMode.DO_NOTHING) {
      try (RedisWriter writer = RedisWriter.open(settings)) {
        long removed = writer.removeAll(table.id().toString(), RedisRows.tablePattern(table));
        if (removed > 0) {
          log.info("removed {} keys of {} from Redis {} before its load", removed, table.id(),
              writer.where());
        }
      }
    }
  }

  @Override
  public List<NativeFormat> importFormats(TargetTable table) {
    return List.of();
  }

  @Override
  public TargetSession openSession() {
    return TargetSession.ofRowLoads("Redis",
        table -> new RedisRowLoad(table, rows, RedisWriter.open(settings)));
  }

  @Override
  public void complete(TargetTable table, TablePreparation preparation) {}

  /**
   * Yes: each delivery pipelines on a connection of its own; every write names one row's key, so
   * writes of different rows commute.
   */
  @Override
  public boolean deliversInParallel() {
    return true;
  }

  @Override
  public ChangeDelivery openDelivery(ApplyRequest request) {
    return new RedisDelivery(request.tables(), rows, RedisWriter.open(settings));
  }

  @Override
  public void close() {}
}
