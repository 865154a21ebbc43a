package io.opendms.server.auth;

/** Decides whether a request may be served; throws the AWS error a client expects otherwise. */
@FunctionalInterface
public interface RequestAuthenticator {
  /** Lets every request through: only with {@code --insecure-no-auth}. */
  RequestAuthenticator NONE = request -> {};

  /** @throws io.opendms.server.api.DmsFault when the request is not signed by a known key */
  void verify(SignedRequest request);
}
