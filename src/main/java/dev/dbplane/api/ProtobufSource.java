package dev.dbplane.api;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.resource.ResourceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;

/**
 * Reads a binary protobuf body. The wire format does not say which message it holds, so the caller
 * may name it in the media type ({@code application/x-protobuf; messageType=<full name>}); without
 * it the body is taken as a stack input only when it reads as one whose target has this model's
 * api_version, and as a manifest otherwise. Fields this model does not know are refused, as in JSON.
 */
final class ProtobufSource {

  static final String MANIFEST_TYPE = DigitalOceanDatabaseCluster.getDescriptor().getFullName();
  static final String STACK_INPUT_TYPE = DigitalOceanDatabaseClusterStackInput.getDescriptor().getFullName();
  static final String API_VERSION = "digital-ocean.project-planton.org/v1";
  static final String KIND = "DigitalOceanDatabaseCluster";

  private ProtobufSource() {}

  static ResourceRequest<DigitalOceanDatabaseCluster> read(byte[] body, @Nullable String messageType) {
    if (messageType != null && !messageType.equals(MANIFEST_TYPE) && !messageType.equals(STACK_INPUT_TYPE)) {
      throw UnreadableRequestException.malformed(
          IntakeProblem.at(null, "messageType must be " + MANIFEST_TYPE + " or " + STACK_INPUT_TYPE));
    }
    ResourceRequest<DigitalOceanDatabaseCluster> request;
    if (STACK_INPUT_TYPE.equals(messageType)) {
      request = ClusterKind.request(parseStackInput(body));
    } else if (MANIFEST_TYPE.equals(messageType)) {
      request = ClusterKind.request(parseManifest(body));
    } else {
      request = guess(body);
    }
    List<IntakeProblem> unknown = new ArrayList<>();
    findUnknownFields(request.message(), "", unknown);
    if (!unknown.isEmpty()) {
      throw new UnreadableRequestException(UnreadableRequestException.Kind.DOES_NOT_FIT_MODEL, unknown);
    }
    return request;
  }

  /**
   * Reads the body both ways and keeps the reading that fits better: more of the markers a real
   * request of that shape has, then fewer unknown fields. A tie is a manifest, the common case.
   */
  private static ResourceRequest<DigitalOceanDatabaseCluster> guess(byte[] body) {
    ResourceRequest<DigitalOceanDatabaseCluster> manifest = null;
    ResourceRequest<DigitalOceanDatabaseCluster> stackInput = null;
    try {
      manifest = ClusterKind.request(DigitalOceanDatabaseCluster.parseFrom(body));
    } catch (InvalidProtocolBufferException e) {
      // Not a manifest; perhaps a stack input.
    }
    try {
      stackInput = ClusterKind.request(DigitalOceanDatabaseClusterStackInput.parseFrom(body));
    } catch (InvalidProtocolBufferException e) {
      // Not a stack input.
    }
    if (stackInput == null) {
      return manifest != null ? manifest : ClusterKind.request(parseManifest(body));
    }
    if (manifest == null || fit(stackInput) > fit(manifest)) {
      return stackInput;
    }
    return manifest;
  }

  private static int fit(ResourceRequest<DigitalOceanDatabaseCluster> request) {
    List<IntakeProblem> unknown = new ArrayList<>();
    findUnknownFields(request.message(), "", unknown);
    DigitalOceanDatabaseCluster manifest = request.manifest();
    int markers =
        (API_VERSION.equals(manifest.getApiVersion()) ? 1 : 0)
            + (KIND.equals(manifest.getKind()) ? 1 : 0)
            + (manifest.hasSpec() ? 1 : 0)
            + (request.providerConfig().map(config -> config.getApiToken().isEmpty() ? 0 : 1).orElse(0));
    return 10 * markers - unknown.size();
  }

  private static DigitalOceanDatabaseCluster parseManifest(byte[] body) {
    try {
      return DigitalOceanDatabaseCluster.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw unreadable(e);
    }
  }

  private static DigitalOceanDatabaseClusterStackInput parseStackInput(byte[] body) {
    try {
      return DigitalOceanDatabaseClusterStackInput.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw unreadable(e);
    }
  }

  private static UnreadableRequestException unreadable(InvalidProtocolBufferException e) {
    return UnreadableRequestException.malformed(IntakeProblem.at(null, "malformed protobuf: " + e.getMessage()));
  }

  private static void findUnknownFields(Message message, String path, List<IntakeProblem> problems) {
    for (Integer number : message.getUnknownFields().asMap().keySet()) {
      FieldDescriptor known = message.getDescriptorForType().findFieldByNumber(number);
      // protobuf-java keeps a known field sent with the wrong wire type among the unknown ones.
      problems.add(
          known == null
              ? IntakeProblem.at(
                  path.isEmpty() ? null : path,
                  "unknown field number " + number + " in " + message.getDescriptorForType().getName())
              : IntakeProblem.at(
                  path.isEmpty() ? known.getName() : path + "." + known.getName(),
                  "sent with the wrong wire type for a field of type " + known.getType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isMapField()) {
        continue;
      }
      String fieldPath = path.isEmpty() ? field.getName() : path + "." + field.getName();
      if (field.isRepeated()) {
        List<?> items = (List<?>) entry.getValue();
        for (int i = 0; i < items.size(); i++) {
          findUnknownFields((Message) items.get(i), fieldPath + "[" + i + "]", problems);
        }
      } else {
        findUnknownFields((Message) entry.getValue(), fieldPath, problems);
      }
    }
  }
}
