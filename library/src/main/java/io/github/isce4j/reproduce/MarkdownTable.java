package io.github.isce4j.reproduce;

import java.util.ArrayList;
import java.util.List;

/** A Markdown pipe table: a header, then rows; text columns left-aligned, numbers right-aligned. */
final class MarkdownTable {

    private final List<String> header;
    private final int textColumns;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table whose first column is text, the others numbers. */
    MarkdownTable(List<String> header) {
        this(header, 1);
    }

    /** A table whose first {@code textColumns} columns are text, the others numbers. */
    MarkdownTable(List<String> header, int textColumns) {
        this.header = List.copyOf(header);
        this.textColumns = textColumns;
    }

    MarkdownTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException(
                    "a row of " + cells.size() + " cells in a table of " + header.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    @Override
    public String toString() {
        StringBuilder md = new StringBuilder();
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            md.append(i < textColumns ? "---|" : "---:|");
        }
        md.append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return md.toString();
    }
}
