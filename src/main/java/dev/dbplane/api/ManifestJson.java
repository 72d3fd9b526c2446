package dev.dbplane.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.dbplane.resource.ManagedResource;

/** A stored manifest as the views show it: the model's JSON, with proto field names. */
final class ManifestJson {

  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private ManifestJson() {}

  static String of(ManagedResource resource) {
    try {
      return PRINTER.print(resource.manifest());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("the manifest of " + resource.kind() + " " + resource.id() + " cannot be printed", e);
    }
  }
}
