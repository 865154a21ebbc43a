package io.opendms.spi.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.spi.error.ErrorCode;
import io.opendms.spi.error.OpenDmsException;
import java.io.IOException;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TrustedCertificatesTest {
  /** A self-signed P-256 CA made for this test only (openssl req -x509, valid 100 years). */
  private static final String CA = """
      -----BEGIN CERTIFICATE-----
      MIIBhTCCASugAwIBAgIUTUiCn97m0WiDw9BPEBkdEuYu0R0wCgYIKoZIzj0EAwIw
      FzEVMBMGA1UEAwwMVW5pdCB0ZXN0IENBMCAXDTI2MTEzMDE2NDI0MFoYDzIxMjYx
      MTA2MTY0MjQwWjAXMRUwEwYDVQQDDAxVbml0IHRlc3QgQ0EwWTATBgcqhkjOPQIB
      BggqhkjOPQMBBwNCAAT7HeoKHegECXtj+yfSnCQsKx3jxLzX9LLqMRJF/oOmdnMC
      KEvHJxcQQ0meBMEhKvy88cNtB7b7RajEAUcHKDFvo1MwUTAdBgNVHQ4EFgQUV8ga
      SsnoXr2IxjAPVLyLSqNefc4wHwYDVR0jBBgwFoAUV8gaSsnoXr2IxjAPVLyLSqNe
      fc4wDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiB87/33qPwcuLj6
      XKMWqe3nZy9SSKsTg5Pcpt11uaAwWQIhANyztdPGDomhMDKWrCsCHMK8xbm14icZ
      Bi2Lkk6E1BnW
      -----END CERTIFICATE-----
      """;

  private static EndpointConfig endpoint(SslMode mode, String certificate) {
    return new EndpointConfig("postgres", "db.example", 5432, "app", "u", "", mode, Map.of(),
        certificate);
  }

  @Test
  void aPemCaBecomesASocketFactoryNamedByItsSubject() {
    TrustedCertificates ca = TrustedCertificates.fromPem("CertificateArn", CA);

    assertThat(ca.subjects()).isEqualTo("CN=Unit test CA");
    assertThat(ca.socketFactory()).isNotNull();
  }

  @Test
  void onlyVerifyCaAndVerifyFullUseTheEndpointsCertificate() {
    assertThat(TrustedCertificates.ofEndpoint(endpoint(SslMode.REQUIRE, CA))).isEmpty();
    assertThat(TrustedCertificates.ofEndpoint(endpoint(SslMode.VERIFY_FULL, ""))).isEmpty();
    assertThat(TrustedCertificates.ofEndpoint(endpoint(SslMode.VERIFY_CA, CA))).isPresent();
  }

  @Test
  void textThatIsNoCertificateIsRefusedNamingCertificateArn() {
    assertThatThrownBy(() -> TrustedCertificates.ofEndpoint(endpoint(SslMode.VERIFY_FULL,
        "-----BEGIN CERTIFICATE-----\nbm90\n-----END CERTIFICATE-----\n")))
        .isInstanceOf(OpenDmsException.class)
        .satisfies(e -> assertThat(((OpenDmsException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER))
        .hasMessageContaining("CertificateArn").hasMessageContaining("db.example");
  }

  @Test
  void aFailedHandshakeIsAVerificationFailureWhoseHintNamesModeAndHost() {
    var failure = new IOException("SSL error", new SSLHandshakeException("PKIX path building failed"));

    assertThat(TrustedCertificates.isVerificationFailure(failure)).isTrue();
    assertThat(TrustedCertificates.isVerificationFailure(new IOException("Connection refused")))
        .isFalse();
    assertThat(TrustedCertificates.isVerificationFailure(new IOException("Connection to"
        + " 127.0.0.1:1 refused. Check that the hostname and port are correct and that the"
        + " postmaster is accepting TCP/IP connections."))).as("pgjdbc's refusal").isFalse();
    assertThat(TrustedCertificates.isVerificationFailure(new IOException("The hostname 127.0.0.1"
        + " could not be verified by hostnameverifier PgjdbcHostnameVerifier."))).isTrue();
    assertThat(TrustedCertificates.verificationHint(endpoint(SslMode.VERIFY_FULL, CA)))
        .contains("CertificateArn").contains("SslMode verify-full").contains("db.example");
  }
}
