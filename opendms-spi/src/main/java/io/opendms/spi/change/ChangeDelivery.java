package io.opendms.spi.change;

/**
 * Delivers changes to a target that cannot store the applied position in the same transaction as
 * the data: a message broker, an object store. The target acknowledges the writes (Kafka acks, the
 * PUT of an object); the engine then stores the position itself, in the task's data directory,
 * and only then acknowledges it to the source.
 *
 * <p>That is at-least-once delivery: a crash (even {@code kill -9}) after {@link #flush()}
 * returned but before the engine stored the position, or while changes were handed over but not
 * yet flushed, makes the next run deliver again every change after the last stored position. A
 * consumer may therefore see the changes of the last unflushed group of transactions twice (each
 * copy identical, in the same order); it never misses a change.
 *
 * <p>Confined to one thread (the engine's apply thread). Every method blocks on the target and
 * throws {@link io.opendms.spi.error.OpenDmsException} naming the table on failure, with {@link
 * io.opendms.spi.error.ErrorCategory#TRANSIENT} when the target could not be reached; after a
 * failure the delivery is unusable and the engine restarts from the stored position.
 */
public interface ChangeDelivery extends DdlApplier, AutoCloseable {

  /** Starts a source transaction; its changes follow, then a {@link #flush()} at some point. */
  void begin(Begin begin);

  /**
   * Hands over one row change or truncation ({@link SchemaChange}s go to {@link #applyDdl}),
   * naming a target table of the {@link ApplyRequest}, in source order. It may be sent at once
   * (asynchronously) or held; it is not acknowledged until {@link #flush()}.
   */
  void deliver(DataChange change);

  /**
   * Learns a DDL that another delivery of the same task applies ({@link
   * DeliveryTargetConnector#deliversInParallel()}: one of the parallel deliveries applies it, the
   * others follow it), so that the table's later changes given to this one carry its new
   * columns; writes nothing. By default there is nothing to learn.
   */
  default void followDdl(SchemaChange change) {}

  /**
   * Blocks until the target has acknowledged every change handed over so far, at a transaction
   * boundary: once it returns those changes survive a crash of this process. Returns the number
   * of row changes delivered since the previous flush.
   */
  long flush();

  /** Drops what was not flushed and disconnects. Idempotent; never throws. */
  @Override
  void close();
}
