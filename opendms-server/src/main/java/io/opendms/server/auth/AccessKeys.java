package io.opendms.server.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The access keys the server accepts. From {@code OPENDMS_ACCESS_KEY_ID} and {@code
 * OPENDMS_SECRET_ACCESS_KEY} when set; else from the 0600 file {@code credentials} in the data
 * directory, which the first start creates and prints once.
 */
public final class AccessKeys {
  public static final String KEY_ID_VARIABLE = "OPENDMS_ACCESS_KEY_ID";
  public static final String SECRET_VARIABLE = "OPENDMS_SECRET_ACCESS_KEY";
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, String> secretsByKeyId;

  public AccessKeys(Map<String, String> secretsByKeyId) {
    this.secretsByKeyId = Map.copyOf(secretsByKeyId);
  }

  public Optional<String> secretOf(String accessKeyId) {
    return Optional.ofNullable(secretsByKeyId.get(accessKeyId));
  }

  /** Loads the keys; creates, stores and prints a key pair when none is configured. */
  public static AccessKeys load(Map<String, String> environment, Path dataDir, PrintStream announce) {
    String id = environment.get(KEY_ID_VARIABLE);
    String secret = environment.get(SECRET_VARIABLE);
    if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
      return new AccessKeys(Map.of(id, secret));
    }
    Path file = dataDir.resolve("credentials");
    try {
      if (!Files.exists(file)) {
        String newId = "AKOD" + random(16);
        String newSecret = random(40);
        Properties keys = new Properties();
        keys.setProperty("aws_access_key_id", newId);
        keys.setProperty("aws_secret_access_key", newSecret);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(file)) {
          keys.store(out, "OpenDMS API access key; keep this file private");
        }
        // Printed once, like a cloud console shows a new secret once.
        announce.printf("Created an API access key in %s (shown only now):%n"
            + "  AWS_ACCESS_KEY_ID=%s%n  AWS_SECRET_ACCESS_KEY=%s%n", file, newId, newSecret);
      }
      Properties keys = new Properties();
      try (Reader in = Files.newBufferedReader(file)) {
        keys.load(in);
      }
      String fileId = keys.getProperty("aws_access_key_id");
      String fileSecret = keys.getProperty("aws_secret_access_key");
      if (fileId == null || fileSecret == null) {
        throw new IllegalStateException(file + " lacks aws_access_key_id or aws_secret_access_key");
      }
      return new AccessKeys(Map.of(fileId, fileSecret));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the credentials file " + file + ": " + e, e);
    }
  }

  private static String random(int length) {
    var text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
