/**
 * Signed notifications for portals: callbacks registered per cluster receive every job state change
 * as a JSON event signed with HMAC-SHA256, delivered and retried by the durable scheduler, never in
 * the way of the job. Callbacks go only to the public internet: {@link dev.dbplane.webhook.CallbackUrls}
 * judges each URL when it is registered and, as the HTTP client's resolver, at every connection.
 */
@NullMarked
package dev.dbplane.webhook;

import org.jspecify.annotations.NullMarked;
