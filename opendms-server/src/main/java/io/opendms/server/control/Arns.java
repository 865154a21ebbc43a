package io.opendms.server.control;

import io.opendms.server.dms.DmsFault;
import io.opendms.server.store.ResourceKind;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * DMS ARNs: {@code arn:aws:dms:<region>:<account>:<rep|endpoint|task>:<name>}, the name a
 * 26-character upper-case base32 string unless the caller gave {@code ResourceIdentifier}.
 */
final class Arns {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Arns() {}

  static String create(ServerContext context, ResourceKind kind, Optional<String> resourceIdentifier) {
    String name = resourceIdentifier.map(Arns::checkedResourceIdentifier).orElseGet(Arns::randomName);
    return "arn:aws:dms:" + context.region() + ":" + context.accountId() + ":" + kind.arnType() + ":" + name;
  }

  /** A random-named ARN of a resource type kept outside the resources table. */
  static String create(ServerContext context, String arnType) {
    return "arn:aws:dms:" + context.region() + ":" + context.accountId() + ":" + arnType + ":"
        + randomName();
  }

  /** The last segment: DMS's external resource id. */
  static String name(String arn) {
    return arn.substring(arn.lastIndexOf(':') + 1);
  }

  /**
   * The task's key in the data directory, {@code task-<name>}: stable across renames, and a
   * valid engine task id even when the base32 name starts with a digit.
   */
  static String engineTaskId(String arn) {
    return "task-" + name(arn);
  }

  static String randomName() {
    var name = new StringBuilder(26);
    for (int i = 0; i < 26; i++) {
      name.append(BASE32.charAt(RANDOM.nextInt(32)));
    }
    return name.toString();
  }

  private static String checkedResourceIdentifier(String identifier) {
    if (identifier.length() > 31 || !identifier.matches("[A-Za-z][A-Za-z0-9-]*")
        || identifier.endsWith("-") || identifier.contains("--")) {
      throw DmsFault.invalidParameter("ResourceIdentifier '" + identifier + "' is invalid: it must"
          + " begin with a letter, contain only ASCII letters, digits and hyphens, be at most 31"
          + " characters, and not end with a hyphen or contain two consecutive hyphens");
    }
    return identifier;
  }
}
