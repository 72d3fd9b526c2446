package dev.dbplane.api;

/** Bounds of listings: a caller may not ask for an unbounded page. */
final class Paging {

  static final int MAX_SIZE = 200;

  private Paging() {}

  static int page(int page) {
    if (page < 0) {
      throw new InvalidParameterException("page", "must be 0 or more");
    }
    return page;
  }

  static int size(int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidParameterException("size", "must be between 1 and " + MAX_SIZE);
    }
    return size;
  }
}
