package io.tongxin.shared;

import java.util.List;

/** Every list answer: {@code {"items": [...], "total": n}} where total counts all matches, not just this page. */
public record ListResult<T>(List<T> items, long total) {}
