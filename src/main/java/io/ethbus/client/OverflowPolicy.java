package io.ethbus.client;

/** What a subscription stream does when its consumer falls behind and its buffer is full. */
public enum OverflowPolicy {
    /** Pause the source (the event-bus consumer) until the buffer drains to half. */
    PAUSE,
    /** Drop the oldest buffered item and count it ({@link SubscriptionStream#dropped()}). */
    DROP_OLDEST,
    /** End the stream with a {@link SubscriptionOverflowException}. */
    FAIL
}
