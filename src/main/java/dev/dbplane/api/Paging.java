package dev.dbplane.api;

/**
 * Bounds of listings: a caller may not ask for an unbounded page. Each refusal names the query
 * parameter the caller gave, since the endpoints call their bounds differently.
 */
final class Paging {

  static final int MAX_SIZE = 200;

  private Paging() {}

  static int page(int page) {
    if (page < 0) {
      throw new InvalidParameterException("page", "must be 0 or more");
    }
    return page;
  }

  /** The {@code size} of a page of a listing. */
  static int size(int size) {
    return atMostMax("size", size);
  }

  /** The {@code limit} of a list that is read onwards from a position, such as a job's events. */
  static int limit(int limit) {
    return atMostMax("limit", limit);
  }

  private static int atMostMax(String parameter, int value) {
    if (value < 1 || value > MAX_SIZE) {
      throw new InvalidParameterException(parameter, "must be between 1 and " + MAX_SIZE);
    }
    return value;
  }
}
