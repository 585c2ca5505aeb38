package io.ethbus.cli;

import io.ethbus.crawl.CrawlProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The crawl's progress on a terminal: a bar redrawn in place with blocks/s and ETA, rows,
 * requests and retries. The bar is created at the first report, when the range is known.
 */
final class CrawlProgressBar implements Consumer<CrawlProgress>, AutoCloseable {
    private ProgressBar bar;

    @Override
    public synchronized void accept(CrawlProgress p) {
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName("crawl")
                    .setInitialMax(p.blocksTotal())
                    .setUnit(" blocks", 1)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .showSpeed()
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .setUpdateIntervalMillis(500)
                    // the crawl began before its first report: rate and ETA count from its start
                    .startsFrom(0, Duration.ofMillis(p.elapsedMillis()))
                    .build();
        }
        // a following crawl's total grows with the chain
        bar.maxHint(p.blocksTotal());
        bar.stepTo(p.blocksDone());
        long rows = p.rows().values().stream().mapToLong(Long::longValue).sum();
        bar.setExtraMessage(String.format(Locale.ROOT, " %,d rows, %,d requests, %d retries", rows, p.requests(), p.retries()));
    }

    /** Draws the bar a last time and leaves the line. */
    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /** How often the crawl reports to a bar: often, since drawing is cheap and the bar smooths the rate. */
    static Duration every() {
        return Duration.ofMillis(500);
    }
}
