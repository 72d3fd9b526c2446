package dev.dbplane.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One page of a listing.
 *
 * @param page 0-based page number
 * @param size the page size asked for
 * @param total how many items there are in all
 */
public record Page<T>(List<T> items, int page, int size, long total) {

  public int totalPages() {
    return size == 0 ? 0 : (int) ((total + size - 1) / size);
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), page, size, total);
  }

  /**
   * Reads one page of {@code select * from <fromWhere>}: the total count, then the rows in order.
   *
   * @param fromWhere the table and its where clause, with ? for {@code params}
   */
  public static <T> Page<T> query(
      JdbcClient jdbc, String fromWhere, List<Object> params, String orderBy, RowMapper<T> mapper, int page, int size) {
    long total = jdbc.sql("select count(*) from " + fromWhere).params(params).query(Long.class).single();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(size);
    pageParams.add((long) page * size);
    List<T> items =
        jdbc.sql("select * from " + fromWhere + " order by " + orderBy + " limit ? offset ?").params(pageParams).query(mapper).list();
    return new Page<>(items, page, size, total);
  }
}
