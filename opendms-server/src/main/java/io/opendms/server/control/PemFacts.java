package io.opendms.server.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.dms.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code DescribeCertificates} tells of an imported PEM: for a certificate (the first of a
 * chain) its validity, signature algorithm and key length; for a private key nothing but that it
 * is one.
 *
 * @param certificate the first certificate, or null for a private key
 */
record PemFacts(X509Certificate certificate) {
  private static final Pattern PRIVATE_KEY = Pattern.compile(
      "-----BEGIN (ENCRYPTED |RSA |EC )?PRIVATE KEY-----\\s*([A-Za-z0-9+/=\\s]+?)"
          + "-----END (ENCRYPTED |RSA |EC )?PRIVATE KEY-----\\s*", Pattern.DOTALL);

  /** The facts of a PEM certificate (chain) or private key; empty when it is neither. */
  static Optional<PemFacts> parse(String pem) {
    var key = PRIVATE_KEY.matcher(pem.strip() + "\n");
    if (key.matches()) {
      try {
        Base64.getMimeDecoder().decode(key.group(2));
        return Optional.of(new PemFacts(null));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    if (!pem.strip().startsWith("-----BEGIN CERTIFICATE-----")) {
      return Optional.empty();
    }
    try {
      var certificates = CertificateFactory.getInstance("X.509").generateCertificates(
          new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      return certificates.stream().findFirst()
          .map(certificate -> new PemFacts((X509Certificate) certificate));
    } catch (CertificateException e) {
      return Optional.empty();
    }
  }

  boolean privateKey() {
    return certificate == null;
  }

  /** ValidFromDate, ValidToDate, SigningAlgorithm and KeyLength, for a certificate. */
  void describeInto(ObjectNode body) {
    if (certificate == null) {
      return;
    }
    body.set("ValidFromDate", Json.timestamp(certificate.getNotBefore().toInstant()));
    body.set("ValidToDate", Json.timestamp(certificate.getNotAfter().toInstant()));
    body.put("SigningAlgorithm", certificate.getSigAlgName());
    var publicKey = certificate.getPublicKey();
    if (publicKey instanceof RSAKey rsa) {
      body.put("KeyLength", rsa.getModulus().bitLength());
    } else if (publicKey instanceof ECKey ec) {
      body.put("KeyLength", ec.getParams().getCurve().getField().getFieldSize());
    }
  }
}
