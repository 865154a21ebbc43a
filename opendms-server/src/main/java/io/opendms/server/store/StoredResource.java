package io.opendms.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One DMS resource as stored.
 *
 * @param arn its ARN, the primary key
 * @param kind instance, endpoint or task
 * @param identifier the user's identifier, unique per kind
 * @param body the DMS shape without secrets, as Describe returns it
 * @param secret the encrypted secret (an endpoint's password), or null
 * @param created when it was created
 */
public record StoredResource(
    String arn, ResourceKind kind, String identifier, ObjectNode body, String secret, Instant created) {

  public StoredResource {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(created, "created");
  }

  public StoredResource withBody(ObjectNode newBody) {
    return new StoredResource(arn, kind, identifier, newBody, secret, created);
  }

  public StoredResource withSecret(String newSecret) {
    return new StoredResource(arn, kind, identifier, body, newSecret, created);
  }

  public StoredResource withIdentifier(String newIdentifier) {
    return new StoredResource(arn, kind, newIdentifier, body, secret, created);
  }
}
