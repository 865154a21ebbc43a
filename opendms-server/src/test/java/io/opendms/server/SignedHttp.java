package io.opendms.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.opendms.server.dms.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Raw AWS JSON 1.1 calls signed as the AWS SDK for Java v2 signs them (AwsV4HttpSigner, which
 * adds x-amz-content-sha256), with hooks to send a body other than the signed one.
 */
final class SignedHttp {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private SignedHttp() {}

  record Reply(int status, JsonNode body) {
    String type() {
      return body.path("__type").asText();
    }

    String message() {
      return body.path("message").asText();
    }
  }

  /** Signs {@code signedBody} with the secret at {@code when}, then sends {@code sentBody}. */
  static Reply call(int port, String operation, String signedBody, String sentBody, String secret, Instant when) {
    SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST).protocol("http").host("127.0.0.1").port(port).encodedPath("/")
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", "AmazonDMSv20160101." + operation)
        .build();
    var signed = AwsV4HttpSigner.create().sign(r -> r.request(unsigned)
        .payload(ContentStreamProvider.fromByteArray(signedBody.getBytes(StandardCharsets.UTF_8)))
        .identity(AwsCredentialsIdentity.create(TestServer.KEY_ID, secret))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dms")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(when, ZoneOffset.UTC)));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .POST(HttpRequest.BodyPublishers.ofString(sentBody));
    for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
      if (!header.getKey().equalsIgnoreCase("host")) {
        header.getValue().forEach(v -> request.header(header.getKey(), v));
      }
    }
    return send(request.build());
  }

  static Reply call(int port, String operation, String body) {
    return call(port, operation, body, body, TestServer.SECRET, Instant.now());
  }

  static Reply unsigned(int port, String target, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    return send(request.build());
  }

  private static Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), Json.MAPPER.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
