package io.ethbus.crawl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block range as typed on the command line, resolved against the chain head later:
 * {@code A:B} (both inclusive), {@code A:} (A to the head), {@code latest-N:} (the last N+1
 * blocks up to the head) or a single block {@code A}. {@code latest} may stand for either end.
 *
 * @param first    the first block, or null when it is relative to the head
 * @param last     the last block, or null for the head
 * @param behind   for {@code latest-N:}: N
 */
public record BlockRangeSpec(Long first, Long last, long behind) {
    private static final Pattern LATEST_MINUS = Pattern.compile("latest(?:-(\\d+))?");

    /** Parses the text of {@code --blocks}; throws {@link CrawlConfigException} with the reason. */
    public static BlockRangeSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CrawlConfigException("--blocks is empty: expected A:B, A: or latest-N:");
        }
        String t = text.strip();
        int colon = t.indexOf(':');
        String left = colon < 0 ? t : t.substring(0, colon).strip();
        String right = colon < 0 ? t : t.substring(colon + 1).strip();
        if (left.isEmpty()) {
            throw new CrawlConfigException("--blocks " + text + ": the start is missing (expected A:B, A: or latest-N:)");
        }
        Long last = right.isEmpty() || right.equals("latest") ? null : number(right, text);
        Matcher m = LATEST_MINUS.matcher(left);
        if (m.matches()) {
            if (last != null) {
                throw new CrawlConfigException("--blocks " + text + ": a range starting at latest must end at the head");
            }
            return new BlockRangeSpec(null, null, m.group(1) == null ? 0 : number(m.group(1), text));
        }
        long first = number(left, text);
        if (last != null && last < first) {
            throw new CrawlConfigException("--blocks " + text + ": start " + first + " is after end " + last);
        }
        return new BlockRangeSpec(first, last, 0);
    }

    /** The concrete range once the head is known; fails when the range reaches past the head. */
    public BlockRange resolve(long head) {
        long from = first != null ? first : Math.max(0, head - behind);
        long to = last != null ? last : head;
        if (to > head) {
            throw new CrawlConfigException("--blocks " + this + " ends at " + to + ", past the chain head " + head);
        }
        if (from > to) {
            throw new CrawlConfigException("--blocks " + this + " starts at " + from + ", past the chain head " + head);
        }
        return new BlockRange(from, to);
    }

    @Override
    public String toString() {
        if (first == null) {
            return "latest-" + behind + ":";
        }
        return first + ":" + (last == null ? "" : last.toString());
    }

    private static long number(String s, String text) {
        if (!s.chars().allMatch(Character::isDigit) || s.length() > 18) {
            throw new CrawlConfigException("--blocks " + text + ": '" + s + "' is not a block number");
        }
        return Long.parseLong(s);
    }
}
