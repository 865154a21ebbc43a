package io.opendms.connector.redis;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Row writes on one Redis connection, pipelined: commands go out without waiting for replies and
 * {@link #sync} waits for all of them, so a write counts as done only once Redis answered it.
 * Every write of a row is idempotent (a whole row is deleted and written again), so writes
 * repeated after a crash leave the same keys. Confined to one thread.
 */
final class RedisWriter implements AutoCloseable {
  /** Commands in flight before waiting for their replies: bounds the memory they hold. */
  private static final int COMMANDS_IN_FLIGHT = 4000;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int SOCKET_TIMEOUT_MILLIS = 60_000;

  private final Jedis jedis;
  private final String where;
  private Pipeline pipeline;
  private int commands;
  private long rows;

  private RedisWriter(Jedis jedis, String where) {
    this.jedis = jedis;
    this.where = where;
    this.pipeline = jedis.pipelined();
  }

  /** Connects, authenticates and selects the database; throws naming the server. */
  static RedisWriter open(RedisSettings settings) {
    var config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
        .socketTimeoutMillis(SOCKET_TIMEOUT_MILLIS)
        .database(settings.database())
        .ssl(settings.tls())
        .sslParameters(verifyingHostName())
        .sslSocketFactory(settings.ca() == null ? null : settings.ca().socketFactory())
        .user(settings.user().isEmpty() ? null : settings.user())
        .password(settings.password().isEmpty() ? null : settings.password())
        .clientName("opendms")
        // RESP2: what every Redis (and ElastiCache, MemoryDB) speaks; no negotiation to log
        .protocol(RedisProtocol.RESP2)
        .build();
    String where = settings.host() + ":" + settings.port() + "/" + settings.database();
    Jedis jedis = null;
    try {
      // the constructor connects, authenticates and selects the database
      jedis = new Jedis(new HostAndPort(settings.host(), settings.port()), config);
      jedis.ping();
      return new RedisWriter(jedis, where);
    } catch (JedisException e) {
      if (jedis != null) {
        jedis.close();
      }
      if (settings.tls() && untrusted(e)) {
        throw new OpenDmsException(ErrorCode.AUTHENTICATION_FAILED, "connecting to Redis " + where
            + " over TLS failed: the server's certificate did not verify against "
            + (settings.ca() == null ? "the JVM's trust store (no RedisSettings.SslCaCertificateArn)"
                : "RedisSettings.SslCaCertificateArn (" + settings.ca().subjects() + ")")
            + " for host " + settings.host() + ": " + e.getMessage(), e);
      }
      throw failed(e, "connecting to Redis " + where);
    }
  }

  /** TLS checks that the certificate names the host, as DMS does with ssl-encryption. */
  private static SSLParameters verifyingHostName() {
    var parameters = new SSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return parameters;
  }

  private static boolean untrusted(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLHandshakeException) {
        return true;
      }
    }
    return false;
  }

  /** Replaces the row under {@code key} by {@code fields} (a row's non-null columns). */
  void put(String table, String key, Map<String, String> fields) {
    try {
      pipeline.del(key);
    } catch (JedisException e) {
      throw failed(e, "writing " + table + " to Redis " + where);
    }
    send(table, key, fields, List.of());
  }

  /**
   * Changes some fields of the row under {@code key}, keeping the others (columns the source did
   * not send because they did not change).
   */
  void patch(String table, String key, Map<String, String> fields, List<String> nullFields) {
    send(table, key, fields, nullFields);
  }

  /** Moves a row whose key changed; nothing happens when {@code from} is missing. */
  void rename(String table, String from, String to) {
    try {
      pipeline.del(to);
      // RENAME of a missing key answers "no such key", which sync() accepts.
      pipeline.rename(from, to);
    } catch (JedisException e) {
      throw failed(e, "writing " + table + " to Redis " + where);
    }
    commands += 2;
  }

  /** Removes the row under {@code key}. */
  void remove(String table, String key) {
    try {
      pipeline.del(key);
    } catch (JedisException e) {
      throw failed(e, "writing " + table + " to Redis " + where);
    }
    commands++;
    rows++;
    syncIfFull(table);
  }

  /**
   * Blocks until Redis answered every command sent so far; throws naming {@code table} when one
   * failed. Returns how many rows were written since the previous call.
   */
  long sync(String table) {
    awaitReplies(table);
    long written = rows;
    rows = 0;
    return written;
  }

  /**
   * Removes every key matching {@code pattern} (a table's keys, for a truncation or a load that
   * starts afresh), after the writes sent before; SCAN, so Redis is never blocked for long.
   */
  long removeAll(String table, String pattern) {
    awaitReplies(table);
    long removed = 0;
    try {
      var params = new ScanParams().match(pattern).count(1000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, params);
        if (!page.getResult().isEmpty()) {
          removed += jedis.unlink(page.getResult().toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    } catch (JedisException e) {
      throw failed(e, "removing the keys of " + table + " from Redis " + where);
    }
    return removed;
  }

  private void awaitReplies(String table) {
    List<Object> replies;
    try {
      replies = pipeline.syncAndReturnAll();
    } catch (JedisException e) {
      throw failed(e, "writing " + table + " to Redis " + where);
    }
    commands = 0;
    for (Object reply : replies) {
      if (reply instanceof JedisDataException error && !error.getMessage().contains("no such key")) {
        throw new OpenDmsException(ErrorCode.TARGET_WRITE_FAILED,
            "Redis " + where + " refused a write of " + table + ": " + error.getMessage(), error);
      }
    }
  }

  String where() {
    return where;
  }

  /** Drops unanswered commands and disconnects; never throws. */
  @Override
  public void close() {
    try {
      jedis.close();
    } catch (RuntimeException e) {
      // a broken connection is being dropped anyway
    }
  }

  private void send(String table, String key, Map<String, String> fields, List<String> nullFields) {
    try {
      if (!fields.isEmpty()) {
        pipeline.hset(key, fields);
        commands++;
      }
      if (!nullFields.isEmpty()) {
        pipeline.hdel(key, nullFields.toArray(String[]::new));
        commands++;
      }
    } catch (JedisException e) {
      throw failed(e, "writing " + table + " to Redis " + where);
    }
    commands++;
    rows++;
    syncIfFull(table);
  }

  private void syncIfFull(String table) {
    if (commands >= COMMANDS_IN_FLIGHT) {
      awaitReplies(table);
    }
  }

  /** A lost or refused connection is transient: the engine retries from its stored position. */
  static OpenDmsException failed(JedisException e, String doing) {
    boolean lost = e instanceof JedisConnectionException
        || e.getCause() instanceof java.io.IOException;
    return new OpenDmsException(lost ? ErrorCode.CONNECTION_FAILED
        : e.getMessage() != null && e.getMessage().contains("WRONGPASS")
            ? ErrorCode.AUTHENTICATION_FAILED : ErrorCode.TARGET_WRITE_FAILED,
        doing + " failed: " + e.getMessage(), e);
  }
}
