/**
 * The intake of request bodies: JSON (proto3 JSON names), hand-written YAML and binary protobuf,
 * read within a size limit into the protobuf messages the caller names ({@link
 * dev.dbplane.intake.BodyModel}), refusing whatever does not fit with every problem and its place,
 * and remembering how the caller wrote each field. Generic over the message types: it knows no
 * resource kind.
 */
@NullMarked
package dev.dbplane.intake;

import org.jspecify.annotations.NullMarked;
