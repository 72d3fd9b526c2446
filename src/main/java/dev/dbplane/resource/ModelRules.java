package dev.dbplane.resource;

import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import build.buf.protovalidate.exceptions.ValidationException;
import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;

/**
 * The buf.validate rules declared in the resource model, enforced by protovalidate on the whole
 * request (envelope, metadata, spec and provider config), not on the spec alone.
 */
final class ModelRules {

  private final Validator validator = ValidatorFactory.newBuilder().build();

  void check(ResourceRequest<?> request, Findings findings) {
    ValidationResult result;
    try {
      result = validator.validate(request.message());
    } catch (ValidationException e) {
      // A rule of the model itself could not be compiled or evaluated: a defect of this build.
      throw new IllegalStateException("the resource model's rules could not be evaluated", e);
    }
    for (build.buf.protovalidate.Violation violation : result.getViolations()) {
      build.buf.validate.Violation proto = violation.toProto();
      findings.requestViolation(path(proto.getField()), proto.getRuleId(), proto.getMessage());
    }
  }

  static String path(FieldPath fieldPath) {
    StringBuilder path = new StringBuilder();
    for (FieldPathElement element : fieldPath.getElementsList()) {
      if (path.length() > 0) {
        path.append('.');
      }
      path.append(element.getFieldName());
      switch (element.getSubscriptCase()) {
        case INDEX -> path.append('[').append(element.getIndex()).append(']');
        case STRING_KEY -> path.append("[\"").append(element.getStringKey()).append("\"]");
        case INT_KEY -> path.append('[').append(element.getIntKey()).append(']');
        case UINT_KEY -> path.append('[').append(element.getUintKey()).append(']');
        case BOOL_KEY -> path.append('[').append(element.getBoolKey()).append(']');
        default -> {}
      }
    }
    return path.toString();
  }
}
