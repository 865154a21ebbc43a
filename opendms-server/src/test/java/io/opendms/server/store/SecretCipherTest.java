package io.opendms.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {
  @TempDir Path dataDir;

  @Test
  void sealsWithAKeyFileItCreatesPrivate() throws Exception {
    SecretCipher cipher = SecretCipher.load(dataDir, null);
    String sealed = cipher.encrypt("pa55word", "arn:a");
    assertThat(sealed).startsWith("v1:").doesNotContain("pa55word");
    assertThat(cipher.encrypt("pa55word", "arn:a")).isNotEqualTo(sealed);
    assertThat(SecretCipher.load(dataDir, null).decrypt(sealed, "arn:a")).isEqualTo("pa55word");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("master.key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void refusesASecretMovedToAnotherResourceOrKey() {
    SecretCipher cipher = SecretCipher.load(dataDir, null);
    String sealed = cipher.encrypt("pa55word", "arn:a");
    assertThatThrownBy(() -> cipher.decrypt(sealed, "arn:b")).isInstanceOf(IllegalStateException.class);
    String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
    assertThatThrownBy(() -> SecretCipher.load(dataDir, otherKey).decrypt(sealed, "arn:a"))
        .hasMessageContaining("master key");
  }
}
