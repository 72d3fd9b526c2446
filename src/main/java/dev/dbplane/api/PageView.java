package dev.dbplane.api;

import dev.dbplane.common.Page;
import java.util.List;
import java.util.function.Function;

/** One page of a listing. */
record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

  static <S, T> PageView<T> of(Page<S> page, Function<S, T> view) {
    return new PageView<>(page.items().stream().map(view).toList(), page.page(), page.size(), page.total(), page.totalPages());
  }
}
