package io.ethbus.crawl;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One output row: values in the order of its dataset's columns, each a {@code Long},
 * {@code String} or {@code Boolean} as the column type says, or null.
 */
public record Row(List<Object> values) {
    public Row {
        values = Collections.unmodifiableList(values);
    }

    public static Row of(Object... values) {
        return new Row(Arrays.asList(values.clone()));
    }

    public Object get(int index) {
        return values.get(index);
    }

    public int size() {
        return values.size();
    }
}
