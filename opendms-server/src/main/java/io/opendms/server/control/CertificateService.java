package io.opendms.server.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.dms.ApiRequest;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.dms.Filters;
import io.opendms.server.dms.Json;
import io.opendms.server.store.ResourceKind;
import io.opendms.server.store.StoredResource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Certificates ({@code ImportCertificate}, {@code DescribeCertificates}, {@code
 * DeleteCertificate}): PEM certificates, and PEM private keys for {@code SslClientKeyArn}, that
 * endpoints name by ARN. The PEM is sealed like an endpoint's password; Describe shows a
 * certificate's PEM (DMS does) but never a key's. Endpoints see the PEM text only when the server
 * builds their connection facts ({@link #pem}).
 */
public final class CertificateService {
  /** DMS's quota of certificates per account. */
  static final int MAX_CERTIFICATES = 100;
  private static final Set<String> FILTERS = Set.of("certificate-arn", "certificate-id");

  private final ServerContext context;

  CertificateService(ServerContext context) {
    this.context = context;
  }

  public ObjectNode importCertificate(ApiRequest request) {
    String identifier = Identifiers.check("certificate identifier",
        request.requiredString("CertificateIdentifier"), 255);
    if (request.has("CertificateWallet")) {
      throw invalidCertificate("CertificateWallet (an Oracle wallet) is not supported by OpenDMS;"
          + " give the certificate as CertificatePem");
    }
    String pem = request.optionalString("CertificatePem").orElseThrow(() ->
        DmsFault.invalidParameter("CertificatePem is required (or CertificateWallet)"));
    if (context.store().findByIdentifier(ResourceKind.CERTIFICATE, identifier).isPresent()) {
      throw DmsFault.alreadyExists("Certificate " + identifier + " already exists");
    }
    if (context.store().list(ResourceKind.CERTIFICATE).size() >= MAX_CERTIFICATES) {
      throw new DmsFault("ResourceQuotaExceededFault", "The account already holds "
          + MAX_CERTIFICATES + " certificates, the most DMS allows");
    }
    PemFacts facts = PemFacts.parse(pem).orElseThrow(this::notAPem);
    String arn = Arns.create(context, ResourceKind.CERTIFICATE, Optional.empty());
    Instant now = context.clock().instant();
    ObjectNode body = Json.object();
    body.put("CertificateIdentifier", identifier);
    body.set("CertificateCreationDate", Json.timestamp(now));
    if (!facts.privateKey()) {
      body.put("CertificatePem", pem);
    }
    body.put("CertificateArn", arn);
    body.put("CertificateOwner", context.accountId());
    facts.describeInto(body);
    request.optionalString("KmsKeyId").ifPresent(k -> body.put("KmsKeyId", k));
    var tags = Tags.checked(request);
    context.store().insert(new StoredResource(arn, ResourceKind.CERTIFICATE, identifier, body,
        context.cipher().encrypt(pem, arn), now));
    context.store().tags().put(arn, tags);
    return Json.object().set("Certificate", body);
  }

  public ObjectNode describe(ApiRequest request) {
    Filters filters = Filters.parse(request, FILTERS);
    List<ObjectNode> matching = context.store().list(ResourceKind.CERTIFICATE).stream()
        .map(StoredResource::body)
        .filter(body -> filters.matches(name -> name.equals("certificate-arn")
            ? body.path("CertificateArn").asText() : body.path("CertificateIdentifier").asText()))
        .toList();
    if (matching.isEmpty() && request.has("Filters")) {
      throw DmsFault.notFound("No certificate matches the filters");
    }
    return Pages.result(matching, request, "Certificates", 100);
  }

  public ObjectNode delete(ApiRequest request) {
    StoredResource certificate = find(request.requiredString("CertificateArn"), "CertificateArn");
    Optional<String> user = context.store().list(ResourceKind.ENDPOINT).stream()
        .filter(endpoint -> mentions(endpoint.body(), certificate.arn()))
        .map(StoredResource::identifier).findFirst();
    if (user.isPresent()) {
      throw DmsFault.invalidState("Certificate " + certificate.identifier() + " is used by endpoint "
          + user.get() + "; modify or delete the endpoint first");
    }
    context.store().delete(certificate.arn());
    return Json.object().set("Certificate", certificate.body());
  }

  /** Refuses a reference to a certificate this server does not hold, naming the field. */
  void checkExists(String field, String arn) {
    find(arn, field);
  }

  /** The PEM text an endpoint's {@code field} names; the server's side of the resolution. */
  String pem(String field, String arn) {
    StoredResource certificate = find(arn, field);
    return context.cipher().decrypt(certificate.secret(), certificate.arn());
  }

  private StoredResource find(String arn, String field) {
    return context.store().find(arn)
        .filter(r -> r.kind() == ResourceKind.CERTIFICATE)
        .orElseThrow(() -> DmsFault.notFound(field + ": certificate " + quoted(arn) + " not found"));
  }

  /**
   * The reference as an error message may show it: a value that is not an ARN (a pasted PEM
   * text, perhaps a private key) is cut to its first characters rather than echoed.
   */
  private static String quoted(String reference) {
    return reference.startsWith("arn:") && reference.length() <= 256 ? reference
        : "'" + reference.substring(0, Math.min(12, reference.length())).replaceAll("\\s", " ")
            + "...' (an ARN from ImportCertificate is expected)";
  }

  private static boolean mentions(JsonNode node, String arn) {
    if (node.isTextual()) {
      return node.asText().equals(arn);
    }
    for (JsonNode child : node) {
      if (mentions(child, arn)) {
        return true;
      }
    }
    return false;
  }

  private DmsFault notAPem() {
    return invalidCertificate("CertificatePem is neither a PEM X.509 certificate nor a PEM"
        + " PKCS#8 private key");
  }

  private static DmsFault invalidCertificate(String message) {
    return new DmsFault("InvalidCertificateFault", message);
  }
}
