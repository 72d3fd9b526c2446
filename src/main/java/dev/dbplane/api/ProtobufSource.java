package dev.dbplane.api;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.dbplane.cluster.ClusterRequest;
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

  private ProtobufSource() {}

  static ClusterRequest read(byte[] body, @Nullable String messageType) {
    if (messageType != null && !messageType.equals(MANIFEST_TYPE) && !messageType.equals(STACK_INPUT_TYPE)) {
      throw UnreadableRequestException.malformed(
          IntakeProblem.at(null, "messageType must be " + MANIFEST_TYPE + " or " + STACK_INPUT_TYPE));
    }
    ClusterRequest request;
    if (STACK_INPUT_TYPE.equals(messageType)) {
      request = ClusterRequest.of(parseStackInput(body));
    } else if (MANIFEST_TYPE.equals(messageType)) {
      request = ClusterRequest.of(parseManifest(body));
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

  private static ClusterRequest guess(byte[] body) {
    try {
      DigitalOceanDatabaseCluster manifest = DigitalOceanDatabaseCluster.parseFrom(body);
      if (API_VERSION.equals(manifest.getApiVersion())) {
        return ClusterRequest.of(manifest);
      }
    } catch (InvalidProtocolBufferException e) {
      // Not a manifest; perhaps a stack input.
    }
    try {
      DigitalOceanDatabaseClusterStackInput stackInput = DigitalOceanDatabaseClusterStackInput.parseFrom(body);
      if (API_VERSION.equals(stackInput.getTarget().getApiVersion())) {
        return ClusterRequest.of(stackInput);
      }
    } catch (InvalidProtocolBufferException e) {
      // Neither: report it as a manifest, the common case.
    }
    return ClusterRequest.of(parseManifest(body));
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
    if (!message.getUnknownFields().asMap().isEmpty()) {
      problems.add(
          IntakeProblem.at(
              path.isEmpty() ? null : path,
              "unknown field number(s) " + message.getUnknownFields().asMap().keySet() + " in " + message.getDescriptorForType().getName()));
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
