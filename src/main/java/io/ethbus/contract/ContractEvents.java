package io.ethbus.contract;

import io.ethbus.rpc.OffLoop;
import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiDecodingException;
import io.ethbus.abi.AbiEvent;
import io.ethbus.abi.DecodedEvent;
import io.ethbus.client.EthClient;
import io.ethbus.client.OverflowPolicy;
import io.ethbus.client.SubscriptionStream;
import io.ethbus.eth.Log;
import io.ethbus.eth.LogFilter;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The events of one deployed contract, decoded: past ones by query ({@link #get}, {@link #all})
 * or as a stream over any range ({@link #stream}), and new ones as blocks arrive
 * ({@link #watch}). What the node sends is checked, not trusted: a log from another address,
 * or with another event's topic0, fails the query or stream with a
 * {@link MalformedResponseException}; a log of the event that does not decode (wrong topic
 * count, short data, dirty padding) fails it with an {@link AbiDecodingException} naming the
 * event and the log's position. Nothing is skipped silently, and a log a reorg took back stays
 * flagged ({@code decoded.log().removed()}).
 *
 * <p>Indexed values select logs as {@link EventFilter} describes: null for any, a list for any
 * of its values. An anonymous event has no topic0 to select it by: its logs are told from the
 * contract's other events by their topic count, and a log whose first topic is a known event's
 * topic0 is left out.
 *
 * <pre>
 * ContractEvents events = new ContractEvents(token, Abi.fromJson(abiJson), client);
 * events.get("Transfer", BlockId.number(0), BlockId.LATEST, alice)   // Transfers from alice
 *       .onSuccess(list -&gt; list.forEach(e -&gt; e.args().getBigInteger("value")));
 * </pre>
 */
public final class ContractEvents {

    private final Address address;
    private final Abi abi;
    private final EthClient client;
    private final Set<Hash> knownTopics;

    /** The events of the contract at {@code address}, decoded with {@code abi}, over {@code client}. */
    public ContractEvents(Address address, Abi abi, EthClient client) {
        this.address = address;
        this.abi = abi;
        this.client = client;
        this.knownTopics = abi.events().stream().filter(e -> !e.anonymous()).map(AbiEvent::topic0)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The contract whose events these are. */
    public Address address() {
        return address;
    }

    /**
     * The log filter of {@code event} (a name, or a signature when overloaded) on this contract
     * over {@code from}..{@code to}, with values for its indexed parameters.
     */
    public LogFilter filter(String event, BlockId from, BlockId to, Object... indexed) {
        return EventFilter.of(abi.event(event)).logFilter(address, from, to, indexed);
    }

    /** The {@code event}s of blocks {@code from}..{@code to} (one eth_getLogs), decoded, in log order. */
    public Future<List<DecodedEvent>> get(String event, BlockId from, BlockId to, Object... indexed) {
        AbiEvent abiEvent;
        LogFilter filter;
        try {
            abiEvent = abi.event(event);
            filter = EventFilter.of(abiEvent).logFilter(address, from, to, indexed);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return client.eth().getLogs(filter).compose(logs -> decodeAll(logs, log -> decode(abiEvent, log)));
    }

    /**
     * Every event of the contract's ABI in blocks {@code from}..{@code to}, decoded, in log
     * order. A log whose topic0 no event of the ABI has is left out (an ABI may list only some
     * of a contract's events), and so are anonymous events, which a log does not name: ask for
     * those by name with {@link #get}.
     */
    public Future<List<DecodedEvent>> all(BlockId from, BlockId to) {
        LogFilter filter = new LogFilter(from, to, null, List.of(address), List.of());
        return client.eth().getLogs(filter).compose(logs -> decodeAll(logs, this::decodeKnown));
    }

    /**
     * The {@code event}s of blocks {@code from}..{@code to} as a stream over
     * {@link EthClient#streamLogs(LogFilter)}: a range of any size, split when the node refuses
     * a span as too large, asked for only while the consumer keeps up, ending after {@code to}.
     */
    public SubscriptionStream<DecodedEvent> stream(String event, BlockId from, BlockId to, Object... indexed) {
        AbiEvent abiEvent = abi.event(event);
        return client.streamLogs(EventFilter.of(abiEvent).logFilter(address, from, to, indexed))
                .map(log -> decode(abiEvent, log));
    }

    /**
     * New {@code event}s as blocks arrive, over {@link EthClient#logs(LogFilter)}: gap-free, and
     * on a reorg the events of removed blocks come again with {@code log().removed()} true.
     * Buffer and overflow policy are those of the log stream.
     */
    public SubscriptionStream<DecodedEvent> watch(String event, Object... indexed) {
        AbiEvent abiEvent = abi.event(event);
        return client.logs(EventFilter.of(abiEvent).logFilter(address, null, null, indexed))
                .map(log -> decode(abiEvent, log));
    }

    /**
     * As {@link #watch(String, Object...)}, holding at most {@code capacity} undelivered logs and
     * doing what {@code policy} says when a slow consumer lets that fill: pause the follower, drop
     * the oldest, or end the stream with a {@link io.ethbus.client.SubscriptionOverflowException}.
     * <pre>{@code token.events().watch(10_000, OverflowPolicy.FAIL, "Transfer", null, me)}</pre>
     */
    public SubscriptionStream<DecodedEvent> watch(int capacity, OverflowPolicy policy, String event, Object... indexed) {
        AbiEvent abiEvent = abi.event(event);
        return client.logs(EventFilter.of(abiEvent).logFilter(address, null, null, indexed), capacity, policy)
                .map(log -> decode(abiEvent, log));
    }

    /** {@code log} as {@code event}; null for a log of another event when {@code event} is anonymous. */
    private DecodedEvent decode(AbiEvent event, Log log) {
        checkAddress(log);
        List<Hash> topics = log.topics();
        if (event.anonymous()) {
            if (!event.matches(log) || (!topics.isEmpty() && knownTopics.contains(topics.get(0)))) {
                return null;
            }
        } else if (topics.isEmpty() || !topics.get(0).equals(event.topic0())) {
            throw unexpected(log, (topics.isEmpty() ? "no topic0" : "topic0 " + topics.get(0).toHex())
                    + " where " + event.signature() + "'s " + event.topic0().toHex() + " was asked for");
        }
        try {
            return event.decode(log);
        } catch (AbiDecodingException e) {
            throw at(log, e);
        }
    }

    /** {@code log} by its topic0; null when no event of the ABI has it. */
    private DecodedEvent decodeKnown(Log log) {
        checkAddress(log);
        try {
            Optional<DecodedEvent> decoded = abi.decodeLog(log);
            return decoded.orElse(null);
        } catch (AbiDecodingException e) {
            throw at(log, e);
        }
    }

    private void checkAddress(Log log) {
        if (!address.equals(log.address())) {
            throw unexpected(log, "a log of " + log.address() + " where the logs of " + address + " were asked for");
        }
    }

    private MalformedResponseException unexpected(Log log, String what) {
        return new MalformedResponseException(RpcMethod.ETH_GET_LOGS.wireName(), client.endpoint(),
                what + ", at " + log.position());
    }

    private static AbiDecodingException at(Log log, AbiDecodingException e) {
        return new AbiDecodingException(e.getMessage() + ", at " + log.position(), e);
    }

    /** The decoded logs, nulls left out; on a worker when their topics and data are heavy ({@link OffLoop}). */
    private static Future<List<DecodedEvent>> decodeAll(List<Log> logs, Function<Log, DecodedEvent> decoder) {
        Callable<List<DecodedEvent>> decodeAll = () -> {
            List<DecodedEvent> out = new ArrayList<>(logs.size());
            for (Log log : logs) {
                DecodedEvent decoded = decoder.apply(log);
                if (decoded != null) {
                    out.add(decoded);
                }
            }
            return out;
        };
        long bytes = 0;
        for (Log log : logs) {
            bytes += log.data().length() + 32L * log.topics().size();
        }
        return OffLoop.run(bytes, decodeAll);
    }
}
