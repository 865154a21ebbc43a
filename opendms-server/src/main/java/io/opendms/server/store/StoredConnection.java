package io.opendms.server.store;

/** The outcome of the latest TestConnection of one endpoint from one instance. */
public record StoredConnection(
    String endpointArn, String instanceArn, String status, String lastFailureMessage) {}
