package io.opendms.server.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opendms.server.dms.DmsFault;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signatures as the AWS SDK for Java v2 computes them are accepted; any change to what was
 * signed, another key, another region or a stale date is refused with AWS's error names.
 */
class SigV4AuthenticatorTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:50:32Z");
  private static final String BODY = "{\"EndpointIdentifier\":\"e1\"}";
  private final SigV4Authenticator authenticator = new SigV4Authenticator(
      new AccessKeys(Map.of("AKID1", "secret-1")), "us-east-1", Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void acceptsWhatTheSdkSigned() {
    assertThatCode(() -> authenticator.verify(signed("secret-1", "us-east-1", NOW, BODY))).doesNotThrowAnyException();
  }

  @Test
  void refusesAChangedBodyOrHeader() {
    SignedRequest good = signed("secret-1", "us-east-1", NOW, BODY);
    assertFault(new SignedRequest(good.method(), good.path(), null, good.headers(),
        BODY.replace("e1", "e2").getBytes(StandardCharsets.UTF_8)), "InvalidSignatureException");
    var headers = new LinkedHashMap<>(good.headers());
    headers.put("x-amz-target", List.of("AmazonDMSv20160101.DeleteEndpoint"));
    assertFault(new SignedRequest(good.method(), good.path(), null, headers, good.body()), "InvalidSignatureException");
  }

  @Test
  void refusesOtherKeysRegionsAndStaleDates() {
    assertFault(signed("secret-2", "us-east-1", NOW, BODY), "InvalidSignatureException");
    assertFault(signed("secret-1", "eu-west-1", NOW, BODY), "InvalidSignatureException");
    assertFault(signed("secret-1", "us-east-1", NOW.minusSeconds(16 * 60), BODY), "InvalidSignatureException");
    SignedRequest good = signed("secret-1", "us-east-1", NOW, BODY);
    var headers = new LinkedHashMap<>(good.headers());
    headers.put("authorization", List.of(good.header("authorization").orElseThrow().replace("AKID1", "AKID9")));
    assertFault(new SignedRequest("POST", "/", null, headers, good.body()), "UnrecognizedClientException");
    headers.remove("authorization");
    assertFault(new SignedRequest("POST", "/", null, headers, good.body()), "MissingAuthenticationTokenException");
  }

  private void assertFault(SignedRequest request, String type) {
    assertThatThrownBy(() -> authenticator.verify(request)).isInstanceOf(DmsFault.class)
        .extracting(e -> ((DmsFault) e).type()).isEqualTo(type);
  }

  private static SignedRequest signed(String secret, String region, Instant when, String body) {
    SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).protocol("http")
        .host("127.0.0.1").port(9090).encodedPath("/")
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", "AmazonDMSv20160101.CreateEndpoint").build();
    var result = AwsV4HttpSigner.create().sign(r -> r.request(unsigned)
        .payload(ContentStreamProvider.fromByteArray(body.getBytes(StandardCharsets.UTF_8)))
        .identity(AwsCredentialsIdentity.create("AKID1", secret))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dms")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(when, ZoneOffset.UTC)));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    result.request().headers().forEach((name, values) ->
        headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
    return new SignedRequest("POST", "/", null, headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
