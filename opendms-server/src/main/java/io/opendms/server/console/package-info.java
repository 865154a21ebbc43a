/**
 * The web console at {@code /} and the routes beside the DMS API on the same port: static files
 * (plain HTML, CSS and JavaScript modules, uPlot vendored), the console's JSON calls under {@code
 * /console/api/} (signed in with an access key, then an HttpOnly SameSite=Strict session cookie
 * and a CSRF token; every resource operation goes through the same {@link
 * io.opendms.server.api.Operation} map as the DMS API), and {@code /metrics}.
 */
package io.opendms.server.console;
