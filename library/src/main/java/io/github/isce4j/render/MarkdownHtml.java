package io.github.isce4j.render;

import io.github.isce4j.AtomicFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Turns a Markdown document (a report) into one self-contained HTML page that opens with no network:
 * images are embedded as {@code data:} URIs and the style sheet is inline. The Markdown subset is
 * what a report needs: ATX headings {@code #} to {@code ####} (each with an id, so {@code [x](#id)}
 * links work), paragraphs, pipe tables with an alignment row ({@code |---|---:|:---:|}), bullet
 * lists ({@code - } or {@code * }, nested by indenting) and numbered lists ({@code 1. }), fenced
 * code blocks, {@code **bold**}, {@code *italic*},
 * {@code `code`}, links {@code [text](path)} kept as written, and images {@code ![alt](file.png)}.
 * All text is HTML-escaped except an empty named anchor, {@code <a id="c1"></a>} (lower-case letters, digits
 * and hyphens), which links such as {@code #c1} land on. An inline script records, on {@code <body>}, how many images loaded
 * ({@code data-images}, {@code data-images-loaded}) and any script or console error
 * ({@code data-errors}, {@code data-error-messages}), so a headless browser can check the page.
 */
public final class MarkdownHtml {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    /** A list item: group 2 a bullet, or group 3 a number (ordered list), group 4 the text. */
    private static final Pattern BULLET = Pattern.compile("^(\\s*)(?:([-*+])|(\\d{1,9})[.)])\\s+(.*)$");

    private static final Pattern FENCE = Pattern.compile("^\\s*```.*$");
    private static final Pattern RULE = Pattern.compile("^\\s*(-{3,}|\\*{3,}|_{3,})\\s*$");
    private static final Pattern ALIGNMENT_CELL = Pattern.compile("^:?-+:?$");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern LINK_MARKUP = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");

    private static final String STYLE = """
            body{font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5;\
            color:#1b1b1b;background:#fff;margin:0}
            main{max-width:1100px;margin:0 auto;padding:1.5rem 2rem 4rem}
            h1,h2,h3,h4,h5,h6{line-height:1.25;margin:1.6em 0 .6em}
            h1{font-size:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3em}
            h2{font-size:1.5rem;border-bottom:1px solid #e5e8eb;padding-bottom:.2em}
            h3{font-size:1.2rem}h4{font-size:1rem}
            table{border-collapse:collapse;margin:1em 0;display:block;overflow-x:auto;max-width:100%}
            th,td{border:1px solid #d0d7de;padding:.3em .65em;vertical-align:top}
            thead th{background:#f1f3f5}
            tbody tr:nth-child(even){background:#f9fafb}
            td{font-variant-numeric:tabular-nums}
            img{max-width:100%;height:auto}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;\
            background:#f1f3f5;padding:.1em .3em;border-radius:3px}
            pre{background:#f6f8fa;padding:.8em 1em;overflow-x:auto;border-radius:4px}
            pre code{background:none;padding:0}
            a{color:#0b5cad}
            blockquote{margin:1em 0;padding:0 1em;color:#555;border-left:4px solid #d0d7de}
            """;

    /**
     * Runs before the body is parsed, so it hears every error; on load it counts the images whose
     * pixels arrived (naturalWidth > 0) and marks the body as checked. A page whose script never ran
     * has no data-checked attribute, so a test cannot mistake silence for success.
     */
    private static final String CHECK_SCRIPT = """
            (function () {
              var errors = [];
              function note() {
                if (document.body) {
                  document.body.setAttribute('data-errors', String(errors.length));
                  document.body.setAttribute('data-error-messages', errors.join(' | '));
                }
              }
              window.addEventListener('error', function (e) {
                var t = e.target;
                if (t && t !== window && t.tagName) {
                  errors.push('failed to load ' + t.tagName.toLowerCase() + (t.alt ? ' "' + t.alt + '"' : ''));
                } else {
                  errors.push(String(e.message));
                }
                note();
              }, true);
              window.addEventListener('unhandledrejection', function (e) {
                errors.push('unhandled rejection: ' + String(e.reason));
                note();
              });
              document.addEventListener('securitypolicyviolation', function (e) {
                errors.push('blocked by the page policy: ' + e.blockedURI);
                note();
              });
              var consoleError = console.error;
              console.error = function () {
                errors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
                note();
                return consoleError.apply(console, arguments);
              };
              window.addEventListener('load', function () {
                var images = document.images, loaded = 0, failed = [];
                for (var i = 0; i < images.length; i++) {
                  if (images[i].complete && images[i].naturalWidth > 0) {
                    loaded++;
                  } else {
                    failed.push(images[i].alt || ('image ' + i));
                  }
                }
                document.body.setAttribute('data-images', String(images.length));
                document.body.setAttribute('data-images-loaded', String(loaded));
                document.body.setAttribute('data-images-failed', failed.join(' | '));
                note();
                document.body.setAttribute('data-checked', 'true');
              });
            })();
            """;

    private final Path baseDir;
    private final Map<String, Integer> ids = new HashMap<>();

    private MarkdownHtml(Path baseDir) {
        this.baseDir = baseDir;
    }

    /**
     * @param markdown the document's Markdown
     * @param baseDir the folder image paths are relative to
     * @return the whole HTML page
     * @throws IllegalArgumentException when an image file is missing, unreadable or not an image,
     *     naming it; or when an image points outside the page (a URL), which would need the network
     */
    public static String render(String markdown, Path baseDir) {
        MarkdownHtml r = new MarkdownHtml(baseDir);
        List<String> lines =
                List.of(markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        String body = r.blocks(lines);
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(escape(title(lines)))
                .append("</title>\n")
                .append("<style>\n")
                .append(STYLE)
                .append("</style>\n")
                .append("<script>\n")
                .append(CHECK_SCRIPT)
                .append("</script>\n")
                .append("</head>\n<body>\n<main>\n")
                .append(body)
                .append("</main>\n</body>\n</html>\n");
        return page.toString();
    }

    /**
     * Renders and writes the page to a temporary file renamed into place.
     *
     * @param markdown the document's Markdown
     * @param baseDir the folder image paths are relative to
     * @param html the HTML file to write
     * @throws IOException when writing fails
     * @throws IllegalArgumentException as {@link #render}
     */
    public static void write(String markdown, Path baseDir, Path html) throws IOException {
        AtomicFile.writeString(html, render(markdown, baseDir));
    }

    /** The first level-1 heading's text without markup, or "Report". */
    private static String title(List<String> lines) {
        for (String line : lines) {
            Matcher h = HEADING.matcher(line);
            if (h.matches() && h.group(1).length() == 1) {
                return plain(h.group(2));
            }
        }
        return "Report";
    }

    // ---- blocks ----

    private String blocks(List<String> lines) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank()) {
                i++;
            } else if (FENCE.matcher(line).matches()) {
                i = fence(lines, i, out);
            } else if (HEADING.matcher(line).matches()) {
                heading(line, out);
                i++;
            } else if (RULE.matcher(line).matches()) {
                out.append("<hr>\n");
                i++;
            } else if (tableStarts(lines, i)) {
                i = table(lines, i, out);
            } else if (BULLET.matcher(line).matches()) {
                i = list(lines, i, out);
            } else if (line.stripLeading().startsWith(">")) {
                i = quote(lines, i, out);
            } else {
                i = paragraph(lines, i, out);
            }
        }
        return out.toString();
    }

    private static boolean startsBlock(List<String> lines, int i) {
        String line = lines.get(i);
        return line.isBlank()
                || FENCE.matcher(line).matches()
                || HEADING.matcher(line).matches()
                || RULE.matcher(line).matches()
                || tableStarts(lines, i)
                || BULLET.matcher(line).matches()
                || line.stripLeading().startsWith(">");
    }

    private int fence(List<String> lines, int start, StringBuilder out) {
        StringBuilder code = new StringBuilder();
        int i = start + 1;
        while (i < lines.size() && !FENCE.matcher(lines.get(i)).matches()) {
            code.append(lines.get(i)).append('\n');
            i++;
        }
        out.append("<pre><code>").append(escape(code.toString())).append("</code></pre>\n");
        return Math.min(i + 1, lines.size());
    }

    private void heading(String line, StringBuilder out) {
        Matcher h = HEADING.matcher(line);
        h.matches();
        int level = h.group(1).length();
        out.append("<h")
                .append(level)
                .append(" id=\"")
                .append(escape(id(h.group(2))))
                .append("\">")
                .append(inline(h.group(2)))
                .append("</h")
                .append(level)
                .append(">\n");
    }

    /** GitHub's anchor rule: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2, .... */
    private String id(String heading) {
        String slug = plain(heading)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .trim()
                .replace(' ', '-');
        if (slug.isEmpty()) {
            slug = "section";
        }
        int seen = ids.merge(slug, 1, Integer::sum) - 1;
        return seen == 0 ? slug : slug + "-" + seen;
    }

    /** Text without link syntax, emphasis markers or backticks, for titles and anchors. */
    private static String plain(String markdown) {
        return LINK_MARKUP
                .matcher(markdown)
                .replaceAll("$1")
                .replace("**", "")
                .replace("*", "")
                .replace("`", "");
    }

    private int paragraph(List<String> lines, int start, StringBuilder out) {
        StringBuilder text = new StringBuilder(lines.get(start).strip());
        int i = start + 1;
        while (i < lines.size() && !startsBlock(lines, i)) {
            text.append('\n').append(lines.get(i).strip());
            i++;
        }
        out.append("<p>").append(inline(text.toString())).append("</p>\n");
        return i;
    }

    private int quote(List<String> lines, int start, StringBuilder out) {
        List<String> inner = new ArrayList<>();
        int i = start;
        while (i < lines.size() && lines.get(i).stripLeading().startsWith(">")) {
            String rest = lines.get(i).stripLeading().substring(1);
            inner.add(rest.startsWith(" ") ? rest.substring(1) : rest);
            i++;
        }
        out.append("<blockquote>\n").append(blocks(inner)).append("</blockquote>\n");
        return i;
    }

    /**
     * A bullet list: each item runs to the next bullet at its indentation; deeper bullets make a
     * nested list and other indented lines continue the item's text.
     */
    private int list(List<String> lines, int start, StringBuilder out) {
        int indent = indentation(lines.get(start));
        Matcher first = BULLET.matcher(lines.get(start));
        first.matches();
        boolean ordered = first.group(3) != null;
        String tag = ordered ? "ol" : "ul";
        int number = ordered ? Integer.parseInt(first.group(3)) : 1;
        out.append('<')
                .append(tag)
                .append(number != 1 ? " start=\"" + number + "\"" : "")
                .append(">\n");
        int i = start;
        while (i < lines.size()) {
            Matcher m = BULLET.matcher(lines.get(i));
            if (!m.matches() || indentation(lines.get(i)) != indent || (m.group(3) != null) != ordered) {
                break;
            }
            StringBuilder text = new StringBuilder(m.group(4).strip());
            i++;
            while (i < lines.size()
                    && !lines.get(i).isBlank()
                    && !BULLET.matcher(lines.get(i)).matches()
                    && indentation(lines.get(i)) > indent) {
                text.append('\n').append(lines.get(i).strip());
                i++;
            }
            out.append("<li>").append(inline(text.toString()));
            if (i < lines.size() && BULLET.matcher(lines.get(i)).matches() && indentation(lines.get(i)) > indent) {
                out.append('\n');
                i = list(lines, i, out);
            }
            out.append("</li>\n");
            // A blank line between items keeps the list going; one before anything else ends it.
            int next = i;
            while (next < lines.size() && lines.get(next).isBlank()) {
                next++;
            }
            if (next > i
                    && next < lines.size()
                    && BULLET.matcher(lines.get(next)).matches()
                    && indentation(lines.get(next)) == indent) {
                i = next;
            }
        }
        out.append("</").append(tag).append(">\n");
        return i;
    }

    private static int indentation(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
            n += 1;
        }
        return n;
    }

    private static boolean tableStarts(List<String> lines, int i) {
        return lines.get(i).strip().startsWith("|") && i + 1 < lines.size() && alignmentRow(lines.get(i + 1));
    }

    private static boolean alignmentRow(String line) {
        if (!line.strip().startsWith("|")) {
            return false;
        }
        List<String> cells = cells(line);
        if (cells.isEmpty()) {
            return false;
        }
        for (String c : cells) {
            if (!ALIGNMENT_CELL.matcher(c).matches()) {
                return false;
            }
        }
        return true;
    }

    private int table(List<String> lines, int start, StringBuilder out) {
        List<String> header = cells(lines.get(start));
        List<String> rule = cells(lines.get(start + 1));
        if (rule.size() != header.size()) {
            throw new IllegalArgumentException("table at line " + (start + 1) + ": the header has " + header.size()
                    + " cells but the alignment row has " + rule.size());
        }
        String[] align = new String[header.size()];
        for (int c = 0; c < align.length; c++) {
            String r = rule.get(c);
            boolean left = r.startsWith(":");
            boolean right = r.endsWith(":");
            align[c] = left && right
                    ? " style=\"text-align:center\""
                    : right ? " style=\"text-align:right\"" : left ? " style=\"text-align:left\"" : "";
        }
        out.append("<table>\n<thead>\n");
        row("th", header, align, out);
        out.append("</thead>\n<tbody>\n");
        int i = start + 2;
        while (i < lines.size() && lines.get(i).strip().startsWith("|")) {
            List<String> row = cells(lines.get(i));
            if (row.size() > header.size()) {
                // Dropping a cell would silently lose a number; say which row is malformed instead.
                throw new IllegalArgumentException(
                        "table row at line " + (i + 1) + " has " + row.size() + " cells, its header has "
                                + header.size() + ": " + lines.get(i).strip());
            }
            while (row.size() < header.size()) {
                row.add("");
            }
            row("td", row, align, out);
            i++;
        }
        out.append("</tbody>\n</table>\n");
        return i;
    }

    private void row(String tag, List<String> cells, String[] align, StringBuilder out) {
        out.append("<tr>");
        for (int c = 0; c < cells.size(); c++) {
            out.append('<')
                    .append(tag)
                    .append(align[c])
                    .append('>')
                    .append(inline(cells.get(c)))
                    .append("</")
                    .append(tag)
                    .append('>');
        }
        out.append("</tr>\n");
    }

    /** A table row's cells: split on pipes that are neither escaped nor inside a code span, trimmed. */
    private static List<String> cells(String line) {
        String s = line.strip();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = s.startsWith("|") ? 1 : 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '|') {
                cell.append("\\|");
                i++;
            } else if (ch == '`') {
                code = !code;
                cell.append(ch);
            } else if (ch == '|' && !code) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (!cell.toString().isBlank()) {
            cells.add(cell.toString().strip());
        }
        return cells;
    }

    // ---- inline ----

    private static final Pattern ANCHOR = Pattern.compile("<a id=\"[a-z0-9-]+\"></a>");

    /** @return where an empty named anchor starting at i ends, or -1 when none starts there */
    private static int anchorEnd(String s, int i) {
        Matcher m = ANCHOR.matcher(s).region(i, s.length());
        return m.lookingAt() ? m.end() : -1;
    }

    private String inline(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length() && isPunctuation(s.charAt(i + 1))) {
                out.append(escape(String.valueOf(s.charAt(i + 1))));
                i += 2;
            } else if (ch == '<' && anchorEnd(s, i) > 0) {
                // the one piece of HTML the reports write: an empty named anchor, e.g. on a table row
                int end = anchorEnd(s, i);
                out.append(s, i, end);
                i = end;
            } else if (ch == '`') {
                int ticks = run(s, i, '`');
                int close = s.indexOf("`".repeat(ticks), i + ticks);
                if (close < 0) {
                    out.append(escape(s.substring(i, i + ticks)));
                    i += ticks;
                } else {
                    String code = s.substring(i + ticks, close);
                    if (code.length() > 1 && code.startsWith(" ") && code.endsWith(" ")) {
                        code = code.substring(1, code.length() - 1);
                    }
                    out.append("<code>").append(escape(code)).append("</code>");
                    i = close + ticks;
                }
            } else if (ch == '!' && i + 1 < s.length() && s.charAt(i + 1) == '[' && link(s, i + 1) != null) {
                int[] l = link(s, i + 1);
                out.append(image(
                        s.substring(i + 2, l[0]), s.substring(l[0] + 2, l[1]).strip()));
                i = l[1] + 1;
            } else if (ch == '[' && link(s, i) != null) {
                int[] l = link(s, i);
                String target = s.substring(l[0] + 2, l[1]).strip();
                String text = inline(s.substring(i + 1, l[0]));
                out.append(safeHref(target) ? "<a href=\"" + escape(target) + "\">" + text + "</a>" : text);
                i = l[1] + 1;
            } else if (s.startsWith("**", i) && closing(s, i + 2, "**") > i + 2) {
                int close = closing(s, i + 2, "**");
                out.append("<strong>").append(inline(s.substring(i + 2, close))).append("</strong>");
                i = close + 2;
            } else if (ch == '*'
                    && i + 1 < s.length()
                    && !Character.isWhitespace(s.charAt(i + 1))
                    && s.charAt(i + 1) != '*'
                    && closing(s, i + 1, "*") > i + 1) {
                int close = closing(s, i + 1, "*");
                out.append("<em>").append(inline(s.substring(i + 1, close))).append("</em>");
                i = close + 1;
            } else {
                out.append(escape(String.valueOf(ch)));
                i++;
            }
        }
        return out.toString();
    }

    private static int run(String s, int from, char ch) {
        int n = 0;
        while (from + n < s.length() && s.charAt(from + n) == ch) {
            n++;
        }
        return n;
    }

    /**
     * Where a closing delimiter starts, skipping code spans and escapes; for {@code *} a closing
     * star must follow a non-space and not be half of {@code **}.
     */
    private static int closing(String s, int from, String delimiter) {
        int i = from;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '\\') {
                i += 2;
            } else if (ch == '`') {
                int ticks = run(s, i, '`');
                int close = s.indexOf("`".repeat(ticks), i + ticks);
                i = close < 0 ? i + ticks : close + ticks;
            } else if (s.startsWith(delimiter, i)) {
                boolean afterText = !Character.isWhitespace(s.charAt(i - 1));
                if (delimiter.equals("*") && s.startsWith("**", i)) {
                    int close = closing(s, i + 2, "**");
                    i = close < 0 ? i + 2 : close + 2;
                } else if (afterText) {
                    return i;
                } else {
                    i += delimiter.length();
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** For {@code [text](target)} starting at the bracket: {index of ']', index of ')'}, or null. */
    private static int[] link(String s, int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '\\') {
                i += 2;
                continue;
            }
            if (ch == '`') {
                int ticks = run(s, i, '`');
                int close = s.indexOf("`".repeat(ticks), i + ticks);
                i = close < 0 ? i + ticks : close + ticks;
                continue;
            }
            if (ch == '[') {
                depth++;
            } else if (ch == ']' && --depth == 0) {
                break;
            }
            i++;
        }
        if (i >= s.length() || i + 1 >= s.length() || s.charAt(i + 1) != '(') {
            return null;
        }
        int parens = 0;
        for (int j = i + 1; j < s.length(); j++) {
            if (s.charAt(j) == '(') {
                parens++;
            } else if (s.charAt(j) == ')' && --parens == 0) {
                return new int[] {i, j};
            }
        }
        return null;
    }

    /** Links keep their target as written, except schemes that run code, which become plain text. */
    private static boolean safeHref(String target) {
        Matcher m = SCHEME.matcher(target);
        if (!m.find()) {
            return true;
        }
        String scheme = m.group().toLowerCase(Locale.ROOT);
        return scheme.equals("http:") || scheme.equals("https:") || scheme.equals("mailto:") || scheme.equals("file:");
    }

    private String image(String alt, String target) {
        if (SCHEME.matcher(target).find() || target.startsWith("//")) {
            throw new IllegalArgumentException("image \"" + target + "\" is not a file next to the report; the page "
                    + "must open without a network, so images are read from files relative to " + baseDir);
        }
        Path file = baseDir.resolve(percentDecode(target)).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "image not found: " + target + " (looked for " + file.toAbsolutePath() + ")");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("image " + target + " cannot be read: " + e.getMessage(), e);
        }
        String mime = mimeType(target, bytes);
        return "<img src=\"data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes) + "\" alt=\""
                + escape(alt) + "\">";
    }

    /**
     * The type from the file's first bytes, not its name; raster images must also decode, so a
     * truncated PNG is refused here rather than shown broken.
     */
    private static String mimeType(String target, byte[] b) {
        String mime;
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            mime = "image/png";
        } else if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            mime = "image/jpeg";
        } else if (b.length >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            mime = "image/gif";
        } else if (target.toLowerCase(Locale.ROOT).endsWith(".svg")
                && new String(b, StandardCharsets.UTF_8).contains("<svg")) {
            return "image/svg+xml";
        } else {
            throw new IllegalArgumentException("image " + target + " is not a PNG, JPEG, GIF or SVG file");
        }
        try {
            if (ImageIO.read(new ByteArrayInputStream(b)) == null) {
                throw new IllegalArgumentException("image " + target + " cannot be decoded as " + mime);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "image " + target + " cannot be decoded as " + mime + ": " + e.getMessage(), e);
        }
        return mime;
    }

    /** %20 and friends in a Markdown path name the file's real characters (UTF-8); '+' stays '+'. */
    private static String percentDecode(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (ch == '%' && i + 2 < path.length() && hex(path.charAt(i + 1)) >= 0 && hex(path.charAt(i + 2)) >= 0) {
                bytes.write(hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2)));
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static boolean isPunctuation(char c) {
        return "\\`*_{}[]()#+-.!|<>\"'~".indexOf(c) >= 0;
    }

    /** Escapes text and attribute values alike. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    static {
        // Decoding images to validate them needs no display.
        System.setProperty("java.awt.headless", "true");
    }
}
