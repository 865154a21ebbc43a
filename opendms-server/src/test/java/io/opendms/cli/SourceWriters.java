package io.opendms.cli;

import io.opendms.testkit.TestingPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A thread writing small random transactions to {@code public.acct} (inserts, updates of values
 * and of keys, deletes) and {@code public.nokey}, until closed.
 */
public final class SourceWriters implements AutoCloseable {
  /** The tables {@link #createTables} makes and the writers change. */
  public static final java.util.List<String> TABLES =
      java.util.List.of("public.acct", "public.events", "public.nokey");

  private final TestingPostgres source;
  private final Thread thread;
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean running = true;

  /** Creates and fills the tables the writers change (and {@code public.events}, left alone). */
  public static void createTables(TestingPostgres source) {
    source.execute(
        "CREATE SEQUENCE public.acct_ids START 10000000",
        "CREATE TABLE public.acct (id bigint PRIMARY KEY, balance numeric(12,2), note text, updated timestamptz)",
        "INSERT INTO public.acct SELECT g, g * 0.5, 'note ' || g, timestamptz '2026-01-01' + g * interval '1 s' FROM generate_series(1, 20000) g",
        "CREATE TABLE public.events (id bigint PRIMARY KEY, payload jsonb)",
        "CREATE TABLE public.nokey (a int, b text)",
        "ALTER TABLE public.nokey REPLICA IDENTITY FULL",
        "INSERT INTO public.nokey SELECT g % 100, 'k' || g FROM generate_series(1, 1000) g");
  }

  public SourceWriters(TestingPostgres source, long seed) {
    this.source = source;
    this.thread = new Thread(() -> write(seed), "source-writer");
    thread.start();
  }

  public long transactions() {
    return transactions.get();
  }

  private void write(long seed) {
    Random random = new Random(seed);
    try (Connection connection = source.connect()) {
      connection.setAutoCommit(false);
      PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO public.acct VALUES (nextval('public.acct_ids'), ?, 'w' || ?, now())");
      PreparedStatement value = connection.prepareStatement(
          "UPDATE public.acct SET balance = balance + ?, note = note || 'u' WHERE id = ?");
      PreparedStatement key = connection.prepareStatement(
          "UPDATE public.acct SET id = nextval('public.acct_ids') WHERE id = ?");
      PreparedStatement delete = connection.prepareStatement("DELETE FROM public.acct WHERE id = ?");
      PreparedStatement keyless = connection.prepareStatement(
          "INSERT INTO public.nokey VALUES (?, 'n' || ?)");
      while (running) {
        int statements = 1 + random.nextInt(5);
        for (int i = 0; i < statements; i++) {
          long id = 1 + random.nextInt(20_000);
          PreparedStatement statement = switch (random.nextInt(5)) {
            case 0 -> insert;
            case 1, 2 -> value;
            case 3 -> random.nextBoolean() ? key : keyless;
            default -> delete;
          };
          if (statement == insert || statement == keyless || statement == value) {
            statement.setLong(1, random.nextInt(1000));
            statement.setLong(2, id);
          } else {
            statement.setLong(1, id);
          }
          statement.executeUpdate();
        }
        connection.commit();
        transactions.incrementAndGet();
        Thread.sleep(2);
      }
    } catch (SQLException | InterruptedException | RuntimeException e) {
      failure.set(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(30_000);
    if (failure.get() != null) {
      throw new AssertionError("source writer failed", failure.get());
    }
  }
}
