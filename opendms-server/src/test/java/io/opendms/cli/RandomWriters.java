package io.opendms.cli;

import io.opendms.testkit.TestingPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Two threads of small transactions on a source until closed, for tests that write while a task
 * loads and replicates: each runs the statements {@code next} makes, one transaction each.
 */
final class RandomWriters implements AutoCloseable {
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong transactions = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();

  /** @param next the next statement; empty to skip a turn */
  RandomWriters(TestingPostgres source, Function<ThreadLocalRandom, Optional<String>> next) {
    for (int i = 0; i < 2; i++) {
      Thread thread = new Thread(() -> write(source, next), "random-writer-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void write(TestingPostgres source, Function<ThreadLocalRandom, Optional<String>> next) {
    try (Connection connection = source.connect(); var statement = connection.createStatement()) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      while (!stop.get()) {
        Optional<String> sql = next.apply(random);
        if (sql.isEmpty()) {
          continue;
        }
        try {
          statement.execute(sql.get());
          transactions.incrementAndGet();
        } catch (SQLException e) {
          // the two writers' changes may collide; the other one's stands
        }
        Thread.sleep(2);
      }
    } catch (SQLException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until {@code count} more transactions committed, so that some follow the resume. */
  void awaitMore(long count) throws InterruptedException {
    long goal = transactions.get() + count;
    while (transactions.get() < goal) {
      Thread.sleep(50);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (stop.getAndSet(true)) {
      return;
    }
    for (Thread thread : threads) {
      thread.join(10_000);
    }
  }
}
