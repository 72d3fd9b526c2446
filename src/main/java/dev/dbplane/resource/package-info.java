/**
 * The pipeline every resource kind runs through: a request of any kind judged in layers (the model's
 * buf.validate rules, the rules every request follows, the kind's own rules and advice), normalised
 * into the spec its program provisions, its changes judged, its token and outputs kept encrypted. A
 * kind ({@link dev.dbplane.resource.ResourceKind}) says only what is its own. Knows neither the web
 * nor Pulumi.
 */
@NullMarked
package dev.dbplane.resource;

import org.jspecify.annotations.NullMarked;
