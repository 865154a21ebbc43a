package io.opendms.server.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets (endpoint passwords) before they reach the store, with AES-256-GCM. The
 * master key comes from {@code OPENDMS_MASTER_KEY} (base64 of 32 bytes) or from the 0600 file
 * {@code master.key} in the data directory, created on first start. The resource's ARN is the
 * associated data, so a ciphertext copied onto another resource does not decrypt.
 */
public final class SecretCipher {
  public static final String ENVIRONMENT_VARIABLE = "OPENDMS_MASTER_KEY";
  private static final String PREFIX = "v1:";
  private static final int IV_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  SecretCipher(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the master key must be 32 bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The key from the environment if set, else from (or newly into) {@code dataDir/master.key}. */
  public static SecretCipher load(Path dataDir, String environmentValue) {
    if (environmentValue != null && !environmentValue.isBlank()) {
      return new SecretCipher(Base64.getDecoder().decode(environmentValue.trim()));
    }
    Path file = dataDir.resolve("master.key");
    try {
      if (!Files.exists(file)) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
      }
      return new SecretCipher(Base64.getDecoder().decode(Files.readString(file).trim()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the master key " + file + ": " + e, e);
    }
  }

  public String encrypt(String plain, String resourceArn) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      cipher.updateAAD(resourceArn.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e, e);
    }
  }

  /** @throws IllegalStateException when the text was not sealed with this key for this ARN */
  public String decrypt(String sealed, String resourceArn) {
    if (!sealed.startsWith(PREFIX)) {
      throw new IllegalStateException("the secret of " + resourceArn + " is not in a known format");
    }
    byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
      cipher.updateAAD(resourceArn.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the secret of " + resourceArn
          + " cannot be decrypted with this master key (was " + ENVIRONMENT_VARIABLE
          + " or master.key changed?)", e);
    }
  }
}
