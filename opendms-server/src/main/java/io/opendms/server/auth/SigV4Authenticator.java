package io.opendms.server.auth;

import io.opendms.server.dms.DmsFault;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * Verifies AWS Signature Version 4 by signing the request again with the AWS SDK's own signer
 * (same signed headers, same date, the key's secret) and comparing the signatures in constant
 * time. No canonicalisation is written here: the SDK's is the reference clients use.
 */
public final class SigV4Authenticator implements RequestAuthenticator {
  /** AWS refuses requests whose date is more than 15 minutes off. */
  static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
          + "SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})\\s*");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final AccessKeys keys;
  private final String region;
  private final Clock clock;
  // The SDK's classic SigV4 signer: it signs exactly the headers it is given, as every client
  // does, where AwsV4HttpSigner would add x-amz-content-sha256 that botocore never sends.
  @SuppressWarnings("deprecation")
  private final Aws4Signer signer = Aws4Signer.create();

  public SigV4Authenticator(AccessKeys keys, String region, Clock clock) {
    this.keys = keys;
    this.region = region;
    this.clock = clock;
  }

  @Override
  public void verify(io.opendms.server.auth.SignedRequest request) {
    String authorization = request.header("authorization").orElseThrow(() -> new DmsFault(
        "MissingAuthenticationTokenException", 403, "Missing Authentication Token"));
    Matcher parts = AUTHORIZATION.matcher(authorization);
    if (!parts.matches()) {
      throw new DmsFault("IncompleteSignatureException",
          "Authorization header requires AWS4-HMAC-SHA256 Credential, SignedHeaders and Signature");
    }
    String keyId = parts.group(1);
    String secret = keys.secretOf(keyId).orElseThrow(() -> new DmsFault(
        "UnrecognizedClientException", "The security token included in the request is invalid."));
    if (!"dms".equals(parts.group(4))) {
      throw invalidSignature("Credential should be scoped to correct service: 'dms'.");
    }
    if (!region.equals(parts.group(3))) {
      throw invalidSignature("Credential should be scoped to a valid region, not '" + parts.group(3)
          + "'. This service runs in '" + region + "'.");
    }
    Instant signedAt = signedAt(request);
    Instant now = clock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw invalidSignature("Signature expired: " + AMZ_DATE.format(signedAt) + " is now earlier than "
          + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
    }
    String expected = resign(request, parts.group(5), keyId, secret, signedAt, parts.group(3));
    byte[] given = parts.group(6).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.US_ASCII))) {
      throw invalidSignature("The request signature we calculated does not match the signature you"
          + " provided. Check your AWS Secret Access Key and signing method.");
    }
  }

  private static Instant signedAt(io.opendms.server.auth.SignedRequest request) {
    String date = request.header("x-amz-date").orElseThrow(() -> new DmsFault(
        "IncompleteSignatureException", "The request must carry an X-Amz-Date header"));
    try {
      return AMZ_DATE.parse(date, Instant::from);
    } catch (DateTimeParseException e) {
      throw new DmsFault("IncompleteSignatureException", "X-Amz-Date '" + date + "' is not yyyyMMddTHHmmssZ");
    }
  }

  /** The signature the SDK signer computes for the same request. */
  private String resign(io.opendms.server.auth.SignedRequest request, String signedHeaderList,
      String keyId, String secret, Instant signedAt, String scopeRegion) {
    Set<String> signedHeaders = Set.of(signedHeaderList.split(";"));
    if (!signedHeaders.contains("host")) {
      throw new DmsFault("IncompleteSignatureException", "The host header must be signed");
    }
    String host = request.header("host").orElse("");
    SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.fromValue(request.method()))
        .protocol("http")
        .host(hostName(host))
        .port(port(host))
        .encodedPath(request.path() == null || request.path().isEmpty() ? "/" : request.path());
    addQuery(unsigned, request.rawQuery());
    for (String name : signedHeaders) {
      if (!name.equals("host")) {
        List<String> values = request.headers().get(name);
        if (values == null) {
          throw invalidSignature("Signed header " + name + " is missing from the request");
        }
        unsigned.putHeader(name, values);
      }
    }
    Aws4SignerParams parameters = Aws4SignerParams.builder()
        .awsCredentials(AwsBasicCredentials.create(keyId, secret))
        .signingName("dms")
        .signingRegion(Region.of(scopeRegion))
        .signingClockOverride(Clock.fixed(signedAt, ZoneOffset.UTC))
        .build();
    SdkHttpFullRequest result = signer.sign(
        unsigned.contentStreamProvider(ContentStreamProvider.fromByteArray(request.body())).build(), parameters);
    String authorization = result.firstMatchingHeader("Authorization").orElse("");
    int at = authorization.indexOf("Signature=");
    return at < 0 ? "" : authorization.substring(at + "Signature=".length()).trim();
  }

  private static void addQuery(SdkHttpFullRequest.Builder builder, String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return;
    }
    for (String pair : rawQuery.split("&")) {
      String[] nameValue = pair.split("=", 2);
      builder.appendRawQueryParameter(
          java.net.URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
          nameValue.length > 1 ? java.net.URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
    }
  }

  private static String hostName(String hostHeader) {
    if (hostHeader.startsWith("[")) {
      return hostHeader.substring(0, hostHeader.indexOf(']') + 1);
    }
    int colon = hostHeader.lastIndexOf(':');
    return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
  }

  /** The port as the client wrote it in Host; 80 (unwritten for http) when absent. */
  private static int port(String hostHeader) {
    int bracket = hostHeader.lastIndexOf(']');
    int colon = hostHeader.lastIndexOf(':');
    if (colon < 0 || colon < bracket) {
      return 80;
    }
    try {
      return Integer.parseInt(hostHeader.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new DmsFault("IncompleteSignatureException", "Host header '" + hostHeader + "' is malformed");
    }
  }

  private static DmsFault invalidSignature(String message) {
    return new DmsFault("InvalidSignatureException", message);
  }
}
