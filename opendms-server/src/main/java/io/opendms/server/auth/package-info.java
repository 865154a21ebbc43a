/** AWS Signature Version 4 on every request, against the access keys the server holds. */
package io.opendms.server.auth;
