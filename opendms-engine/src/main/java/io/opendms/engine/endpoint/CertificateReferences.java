package io.opendms.engine.endpoint;

import io.opendms.spi.endpoint.EndpointConfig;
import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Endpoint settings that name a certificate or key the way DMS does, by the ARN of an imported
 * certificate ({@code KafkaSettings.SslCaCertificateArn}, {@code SslClientCertificateArn}, {@code
 * SslClientKeyArn}, {@code RedisSettings.SslCaCertificateArn}, ...). Before a connector opens, the
 * one who built the endpoint replaces each reference by the PEM text it names: the server from
 * its imported certificates, the command line from a {@code file:/path} (an OpenDMS extension).
 * Connectors therefore see PEM text only and never read a store or a file.
 */
public final class CertificateReferences {
  /** Prefix of a reference to a PEM file on the command line. */
  public static final String FILE_PREFIX = "file:";
  /** DMS's endpoint-level certificate member ({@link EndpointConfig#certificate()}). */
  public static final String CERTIFICATE_ARN = "CertificateArn";

  private CertificateReferences() {}

  /** Whether the setting (any case) holds a certificate or key reference. */
  public static boolean isReference(String setting) {
    String lower = setting.toLowerCase(Locale.ROOT);
    return lower.endsWith("certificatearn") || lower.equals("sslclientkeyarn");
  }

  /** Whether a value already is PEM text rather than a reference. */
  public static boolean isPem(String value) {
    return value.strip().startsWith("-----BEGIN ");
  }

  /**
   * The endpoint with every non-empty reference, in its settings and its endpoint-level {@code
   * CertificateArn}, replaced by {@code pemOf.apply(setting, value)}. {@code pemOf} throws, naming
   * the setting, when the reference names nothing.
   */
  public static EndpointConfig resolve(EndpointConfig endpoint,
      BiFunction<String, String, String> pemOf) {
    var settings = new LinkedHashMap<>(endpoint.settings());
    boolean changed = false;
    for (var entry : settings.entrySet()) {
      String value = entry.getValue();
      if (isReference(entry.getKey()) && !value.isBlank() && !isPem(value)) {
        entry.setValue(pemOf.apply(entry.getKey(), value.strip()));
        changed = true;
      }
    }
    EndpointConfig resolved = changed ? endpoint.withSettings(settings) : endpoint;
    String certificate = endpoint.certificate();
    return certificate.isBlank() || isPem(certificate) ? resolved
        : resolved.withCertificate(pemOf.apply(CERTIFICATE_ARN, certificate.strip()));
  }

  /** The command line's resolution: {@code file:/path} read as PEM; anything else refused. */
  public static String fromFile(String setting, String reference) {
    if (!reference.startsWith(FILE_PREFIX)) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER, setting + "=" + reference
          + ": the command line reads certificates and keys from PEM files; give "
          + setting + "=file:/path/to/file.pem");
    }
    Path path = Path.of(reference.substring(FILE_PREFIX.length()));
    try {
      String pem = Files.readString(path);
      if (!isPem(pem)) {
        throw new OpenDmsException(ErrorCode.INVALID_PARAMETER,
            setting + ": " + path + " is not a PEM file (no -----BEGIN line)");
      }
      return pem;
    } catch (IOException e) {
      throw new OpenDmsException(ErrorCode.INVALID_PARAMETER,
          setting + ": cannot read " + path + ": " + e, e);
    }
  }
}
