package io.opendms.spi.endpoint;

import java.util.Locale;

/** TLS requirement towards a database, named as in libpq and DMS's {@code SslMode}. */
public enum SslMode {
  DISABLE("disable", "none"),
  ALLOW("allow", null),
  PREFER("prefer", null),
  REQUIRE("require", "require"),
  VERIFY_CA("verify-ca", "verify-ca"),
  VERIFY_FULL("verify-full", "verify-full");

  private final String libpqName;
  private final String dmsName;

  SslMode(String libpqName, String dmsName) {
    this.libpqName = libpqName;
    this.dmsName = dmsName;
  }

  /** The name libpq and pgjdbc use for the {@code sslmode} parameter. */
  public String libpqName() {
    return libpqName;
  }

  /** Accepts the libpq names and DMS's {@code none}; anything else is an error. */
  public static SslMode parse(String text) {
    String wanted = text.toLowerCase(Locale.ROOT);
    for (SslMode mode : values()) {
      if (mode.libpqName.equals(wanted) || wanted.equals(mode.dmsName)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown sslmode '" + text + "' (expected disable, allow, prefer, require, verify-ca,"
            + " verify-full or none)");
  }
}
