package io.opendms.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.dms.Json;
import org.junit.jupiter.api.Test;

class PemFactsTest {
  /** Self-signed, P-256, SHA256withECDSA, valid 2026-11-30T16:18:49Z to 2036-11-27T16:18:49Z. */
  private static final String CERTIFICATE = """
      -----BEGIN CERTIFICATE-----
      MIIBbDCCAROgAwIBAgIUQzDFfw0p7wgOVzgNf9MkrClFk2MwCgYIKoZIzj0EAwIw
      DDEKMAgGA1UEAwwBdDAeFw0yNjExMzAxNjE4NDlaFw0zNjExMjcxNjE4NDlaMAwx
      CjAIBgNVBAMMAXQwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQfC1sMmnC0eNWV
      XhQnnspQZPrgQfAP1lXtJEOddRVaNnSRY82u6NKWyvAEFmZCKO8R7rtpwxlLBVfu
      D+AIjZaho1MwUTAdBgNVHQ4EFgQUJVA2gWAkg6ZfGddWEj/MSxfbXRYwHwYDVR0j
      BBgwFoAUJVA2gWAkg6ZfGddWEj/MSxfbXRYwDwYDVR0TAQH/BAUwAwEB/zAKBggq
      hkjOPQQDAgNHADBEAiBVNLkI0k2tan+Q+ckv9Tm6NSEPbXBYGvQRA5tIo0UpSgIg
      fOQcurXXm3XuZlH3Mrn9/+81WEt4yjnSQrJ8Y5TUx8U=
      -----END CERTIFICATE-----
      """;
  private static final String KEY = """
      -----BEGIN PRIVATE KEY-----
      MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgB6zreu1TzJZP0Qjh
      MQ/gl0tdKVLqr5HEgtnjyyEwIsChRANCAAQfC1sMmnC0eNWVXhQnnspQZPrgQfAP
      1lXtJEOddRVaNnSRY82u6NKWyvAEFmZCKO8R7rtpwxlLBVfuD+AIjZah
      -----END PRIVATE KEY-----
      """;

  @Test
  void aCertificateTellsItsValiditySignatureAndKeyLength() {
    ObjectNode body = Json.object();

    PemFacts.parse(CERTIFICATE).orElseThrow().describeInto(body);

    assertThat(body.get("ValidFromDate").decimalValue().longValue()).isEqualTo(1796055529L);
    assertThat(body.get("ValidToDate").decimalValue().longValue()).isEqualTo(2111415529L);
    assertThat(body.get("SigningAlgorithm").asText()).isEqualTo("SHA256withECDSA");
    assertThat(body.get("KeyLength").asInt()).isEqualTo(256);
  }

  @Test
  void aPrivateKeyIsRecognisedAndTellsNothing() {
    PemFacts facts = PemFacts.parse(KEY).orElseThrow();
    ObjectNode body = Json.object();
    facts.describeInto(body);

    assertThat(facts.privateKey()).isTrue();
    assertThat(body.isEmpty()).isTrue();
  }

  @Test
  void textThatIsNeitherIsRefused() {
    assertThat(PemFacts.parse("hello")).isEmpty();
    assertThat(PemFacts.parse("-----BEGIN CERTIFICATE-----\nbm90\n-----END CERTIFICATE-----\n"))
        .isEmpty();
    assertThat(PemFacts.parse("-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n"))
        .isEmpty();
  }
}
