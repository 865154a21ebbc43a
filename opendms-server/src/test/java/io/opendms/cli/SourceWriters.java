package io.opendms.cli;

import io.opendms.testkit.TestingMariaDb;
import io.opendms.testkit.TestingPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A thread writing small random transactions to {@code acct} (inserts, updates of values and of
 * keys, deletes) and {@code nokey}, until closed: on PostgreSQL in schema {@code public} with new
 * keys from sequence {@code public.acct_ids}, on MySQL/MariaDB with new keys counted here.
 */
public final class SourceWriters implements AutoCloseable {
  /** The tables {@link #createTables} makes and the writers change. */
  public static final java.util.List<String> TABLES =
      java.util.List.of("public.acct", "public.events", "public.nokey");

  /** Opens the writer's connection. */
  @FunctionalInterface
  interface Connect {
    Connection open() throws SQLException;
  }

  /** The writer's statements; {@code ?key} marks where a new key goes. */
  private record Sql(String insert, String value, String key, String delete, String keyless) {}

  private static final Sql POSTGRES = new Sql(
      "INSERT INTO public.acct VALUES (nextval('public.acct_ids'), ?, 'w' || ?, now())",
      "UPDATE public.acct SET balance = balance + ?, note = note || 'u' WHERE id = ?",
      "UPDATE public.acct SET id = nextval('public.acct_ids') WHERE id = ?",
      "DELETE FROM public.acct WHERE id = ?",
      "INSERT INTO public.nokey VALUES (?, 'n' || ?)");

  private static final Sql MYSQL = new Sql(
      "INSERT INTO acct VALUES (?key, ?, CONCAT('w', ?), NOW(6))",
      "UPDATE acct SET balance = balance + ?, note = CONCAT(note, 'u') WHERE id = ?",
      "UPDATE acct SET id = ?key WHERE id = ?",
      "DELETE FROM acct WHERE id = ?",
      "INSERT INTO nokey VALUES (?, CONCAT('n', ?))");

  private final Connect source;
  private final Sql sql;
  private long nextKey = 10_000_000;
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
    this(source::connect, POSTGRES, seed);
  }

  public SourceWriters(TestingMariaDb source, long seed) {
    this(source::connect, MYSQL, seed);
  }

  private SourceWriters(Connect source, Sql sql, long seed) {
    this.source = source;
    this.sql = sql;
    this.thread = new Thread(() -> write(seed), "source-writer");
    thread.start();
  }

  public long transactions() {
    return transactions.get();
  }

  private void write(long seed) {
    Random random = new Random(seed);
    try (Connection connection = source.open()) {
      connection.setAutoCommit(false);
      PreparedStatement insert = prepare(connection, sql.insert());
      PreparedStatement value = prepare(connection, sql.value());
      PreparedStatement key = prepare(connection, sql.key());
      PreparedStatement delete = prepare(connection, sql.delete());
      PreparedStatement keyless = prepare(connection, sql.keyless());
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
          int parameter = 1;
          if (newKeys(statement)) {
            statement.setLong(parameter++, nextKey++);
          }
          if (statement == insert || statement == keyless || statement == value) {
            statement.setLong(parameter++, random.nextInt(1000));
          }
          statement.setLong(parameter, id);
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

  private final java.util.Set<PreparedStatement> keyed = new java.util.HashSet<>();

  private PreparedStatement prepare(Connection connection, String text) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(text.replace("?key", "?"));
    if (text.contains("?key")) {
      keyed.add(statement);
    }
    return statement;
  }

  private boolean newKeys(PreparedStatement statement) {
    return keyed.contains(statement);
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
