package io.opendms.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opendms.server.auth.RequestAuthenticator;
import io.opendms.server.auth.SignedRequest;
import io.opendms.server.dms.ApiRequest;
import io.opendms.server.dms.DmsFault;
import io.opendms.server.dms.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS JSON 1.1 over HTTP: {@code POST /} with {@code X-Amz-Target: AmazonDMSv20160101.<Op>}.
 * Every failure, from a body too large to a defect in an operation, becomes a DMS error
 * response; nothing thrown here stops the server.
 */
public final class ApiHandler extends Handler.Abstract {
  public static final String TARGET_PREFIX = "AmazonDMSv20160101.";
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  /** Table mappings of thousands of rules fit easily; a runaway client does not. */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** The most of a too large body read and dropped before the 413, so that the client hears it. */
  private static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;
  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

  private final Map<String, Operation> operations;
  private final RequestAuthenticator authenticator;

  public ApiHandler(Map<String, Operation> operations, RequestAuthenticator authenticator) {
    this.operations = Map.copyOf(operations);
    this.authenticator = authenticator;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String requestId = UUID.randomUUID().toString();
    int status = 200;
    String body;
    try {
      body = Json.MAPPER.writeValueAsString(serve(request));
    } catch (JsonProcessingException | RuntimeException e) {
      DmsFault fault = e instanceof RuntimeException runtime ? Faults.of(runtime) : Faults.internal();
      if (fault.status() >= 500) {
        log.error("request {} failed", requestId, e);
      }
      status = fault.status();
      ObjectNode error = Json.object().put("__type", fault.type()).put("message", fault.getMessage());
      body = error.toString();
    }
    discardBody(request);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
    response.getHeaders().put("x-amzn-RequestId", requestId);
    Content.Sink.write(response, true, body, callback);
    return true;
  }

  private ObjectNode serve(Request request) {
    if (!"POST".equals(request.getMethod())) {
      throw new DmsFault("UnknownOperationException", 404,
          "Only POST / is served; the DMS API is AWS JSON 1.1");
    }
    byte[] payload = readBody(request);
    authenticator.verify(new SignedRequest(request.getMethod(), request.getHttpURI().getPath(),
        request.getHttpURI().getQuery(), headers(request), payload));
    String target = request.getHeaders().get("X-Amz-Target");
    if (target == null || !target.startsWith(TARGET_PREFIX)) {
      throw new DmsFault("UnknownOperationException",
          "X-Amz-Target must be " + TARGET_PREFIX + "<Operation>, got " + target);
    }
    String name = target.substring(TARGET_PREFIX.length());
    Operation operation = operations.get(name);
    if (operation == null) {
      throw new DmsFault("UnknownOperationException", "Operation " + name
          + " is not supported by this service");
    }
    return operation.handle(new ApiRequest(name, parse(payload)));
  }

  /** The request body, at most {@link #MAX_BODY_BYTES}; a DMS fault otherwise. */
  public static byte[] readBody(Request request) {
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (request.getLength() > MAX_BODY_BYTES) {
        throw tooLarge(in);
      }
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw tooLarge(in);
      }
      return body;
    } catch (IOException e) {
      throw DmsFault.invalidParameter("The request body could not be read: " + e.getMessage());
    }
  }

  /** The fault for a body over the limit, after {@link #drain draining} what the client still sends. */
  private static DmsFault tooLarge(InputStream in) throws IOException {
    drain(in);
    return tooLarge();
  }

  /**
   * Reads and drops what is left of the request body, so that a reply sent without reading it
   * (a refused sign-in, a missing CSRF token) keeps the connection usable. Jetty closes a
   * connection whose request body was not all read when the reply was already committed, without
   * a {@code Connection: close} the client could see, and a client that reuses the connection
   * gets no reply to its next request.
   */
  public static void discardBody(Request request) {
    try (InputStream in = Content.Source.asInputStream(request)) {
      drain(in);
    } catch (IOException e) {
      log.debug("the rest of a request body could not be read", e);
    }
  }

  /**
   * Reads and drops up to {@link #MAX_DRAINED_BYTES}: answering and closing while the client is
   * still writing makes its TCP stack discard our answer on the reset, and the client sees no
   * reply at all.
   */
  private static void drain(InputStream in) throws IOException {
    long drained = 0;
    byte[] scratch = new byte[64 * 1024];
    int read;
    while (drained < MAX_DRAINED_BYTES && (read = in.read(scratch)) >= 0) {
      drained += read;
    }
  }

  private static DmsFault tooLarge() {
    return new DmsFault("RequestEntityTooLargeException", 413,
        "The request body exceeds the limit of " + MAX_BODY_BYTES + " bytes");
  }

  private static ObjectNode parse(byte[] payload) {
    if (payload.length == 0) {
      return Json.object();
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(payload);
    } catch (IOException e) {
      throw new DmsFault("SerializationException", "The request body is not valid JSON: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || root.isMissingNode()) {
      return Json.object();
    }
    if (!root.isObject()) {
      throw new DmsFault("SerializationException", "The request body must be a JSON object");
    }
    return (ObjectNode) root;
  }

  private static Map<String, List<String>> headers(Request request) {
    var headers = new LinkedHashMap<String, List<String>>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getLowerCaseName(), n -> new ArrayList<>()).add(field.getValue());
    }
    return headers;
  }
}
