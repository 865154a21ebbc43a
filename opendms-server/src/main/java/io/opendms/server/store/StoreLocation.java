package io.opendms.server.store;

import com.zaxxer.hikari.HikariConfig;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the metadata lives: an H2 file under the data directory unless {@code --store} names
 * PostgreSQL as {@code postgresql://user:password@host:port/database} (or a {@code jdbc:} URL).
 *
 * @param jdbcUrl the JDBC URL
 * @param user the user, may be empty
 * @param password the password, may be empty; never printed
 */
public record StoreLocation(String jdbcUrl, String user, String password) {

  /** The embedded default: {@code <dataDir>/metadata.mv.db}. */
  public static StoreLocation h2File(Path dataDir) {
    return new StoreLocation(
        "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE",
        "", "");
  }

  /** Parses {@code --store}; null or blank means the H2 file. */
  public static StoreLocation parse(String store, Path dataDir) {
    if (store == null || store.isBlank()) {
      return h2File(dataDir);
    }
    if (store.startsWith("jdbc:")) {
      return new StoreLocation(store, "", "");
    }
    URI uri = URI.create(store);
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new IllegalArgumentException(
          "--store must be postgresql://user:password@host:port/database or a jdbc: URL, got scheme '"
              + scheme + "'");
    }
    String user = "";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
    }
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new StoreLocation(
        "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query, user, password);
  }

  HikariConfig poolConfig() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (!user.isEmpty()) {
      config.setUsername(user);
    }
    if (!password.isEmpty()) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(8);
    config.setPoolName("opendms-store");
    return config;
  }

  /** The URL without credentials: safe for logs. */
  public String describe() {
    return jdbcUrl.replaceAll(";.*$", "");
  }

  @Override
  public String toString() {
    return "StoreLocation[" + describe() + "]";
  }
}
