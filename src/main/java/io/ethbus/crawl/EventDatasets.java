package io.ethbus.crawl;

import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiEvent;
import io.ethbus.abi.AbiException;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.InvalidAddressException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The decoded-event datasets of a crawl: the built-ins ({@code erc20_transfers},
 * {@code erc721_transfers}, {@code erc1155_transfers}) and one {@code events_<name>} dataset per
 * event given by signature or found in an ABI file. The name is the event's in snake case
 * ({@code TransferSingle} is {@code events_transfer_single}); events that would share a name
 * (overloads such as {@code Transfer(address,uint256)} and {@code Transfer(address,address,uint256)},
 * or ERC-20's and ERC-721's Transfer) each get the first four bytes of their topic0 as a
 * suffix ({@code events_transfer_ddf252ad}), and the number of their topics after that when
 * even that is shared ({@code events_transfer_ddf252ad_4topics}), and a counter past that. Bad input is a
 * {@link CrawlConfigException}, raised before anything is fetched.
 */
public final class EventDatasets {
    private static final String ERC20_TRANSFER =
            "event Transfer(address indexed from_address, address indexed to_address, uint256 value)";
    private static final String ERC721_TRANSFER =
            "event Transfer(address indexed from_address, address indexed to_address, uint256 indexed token_id)";

    private EventDatasets() {
    }

    /**
     * {@code erc20_transfers} (Transfer with 3 topics), {@code erc721_transfers} (Transfer with 4)
     * and {@code erc1155_transfers} (TransferSingle and TransferBatch), from {@code contracts}
     * only unless it is empty.
     */
    public static List<Dataset> builtIn(Set<String> contracts) {
        return List.of(
                dataset("erc20_transfers", new EventLogDecoder(Abi.parse(ERC20_TRANSFER).events().get(0), contracts)),
                dataset("erc721_transfers", new EventLogDecoder(Abi.parse(ERC721_TRANSFER).events().get(0), contracts)),
                dataset("erc1155_transfers", new Erc1155TransferDecoder(contracts)));
    }

    /**
     * A dataset per event of {@code signatures} (human-readable, with or without the leading
     * {@code event}) and of the JSON ABIs or compiler artifacts {@code abiFiles}, from
     * {@code contracts} only unless it is empty. An event given twice is one dataset.
     */
    public static List<Dataset> of(List<String> signatures, List<Path> abiFiles, Set<String> contracts) {
        Map<String, AbiEvent> events = new LinkedHashMap<>();
        for (String s : signatures) {
            AbiEvent e = signature(s);
            events.putIfAbsent(shape(e), e);
        }
        for (Path file : abiFiles) {
            for (AbiEvent e : abiEvents(file)) {
                events.putIfAbsent(shape(e), e);
            }
        }
        return named(List.copyOf(events.values()), contracts);
    }

    /**
     * Parses {@code --contract}: comma-separated addresses, in any case (a mixed-case one must be
     * its EIP-55 checksum); lowercase hex, as logs carry them. Null or blank: empty, any contract.
     */
    public static Set<String> contracts(String list) {
        Set<String> out = new LinkedHashSet<>();
        if (list == null) {
            return out;
        }
        for (String part : list.split(",")) {
            String a = part.strip();
            if (a.isEmpty()) {
                continue;
            }
            try {
                out.add(Address.of(a).toHex());
            } catch (InvalidAddressException e) {
                throw new CrawlConfigException("--contract: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new CrawlConfigException("--contract names no address");
        }
        return out;
    }

    private static AbiEvent signature(String text) {
        String s = text.strip();
        String declaration = s.startsWith("event ") ? s : "event " + s;
        Abi abi;
        try {
            abi = Abi.parse(declaration);
        } catch (AbiException | IllegalArgumentException e) {
            throw new CrawlConfigException("--event '" + text + "' is not an event signature: " + e.getMessage());
        }
        if (abi.events().size() != 1) {
            throw new CrawlConfigException("--event '" + text + "' is not one event signature");
        }
        return abi.events().get(0);
    }

    private static List<AbiEvent> abiEvents(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new CrawlConfigException("--abi " + file + ": cannot read it: " + e);
        }
        Abi abi;
        try {
            abi = Abi.fromJson(json);
        } catch (AbiException | IllegalArgumentException e) {
            throw new CrawlConfigException("--abi " + file + " is not a JSON ABI or compiler artifact: " + e.getMessage());
        }
        if (abi.events().isEmpty()) {
            throw new CrawlConfigException("--abi " + file + " has no events");
        }
        return abi.events();
    }

    /** The datasets of {@code events}, named as the class says. */
    private static List<Dataset> named(List<AbiEvent> events, Set<String> contracts) {
        Map<String, List<AbiEvent>> byName = new LinkedHashMap<>();
        for (AbiEvent e : events) {
            byName.computeIfAbsent("events_" + snakeCase(e.name()), k -> new ArrayList<>()).add(e);
        }
        List<Dataset> out = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (AbiEvent e : events) {
            String base = "events_" + snakeCase(e.name());
            List<AbiEvent> same = byName.get(base);
            String name = base;
            if (same.size() > 1) {
                String topic = e.topic0().toHex().substring(2, 10);
                name = base + "_" + topic;
                long sameTopic = same.stream().filter(o -> o.topic0().equals(e.topic0())).count();
                if (sameTopic > 1) {
                    name = name + "_" + topicCount(e) + "topics";
                }
            }
            String unique = name;
            for (int n = 2; !used.add(unique); n++) {
                unique = name + "_" + n; // indexed differently yet as many topics: rarer still
            }
            name = unique;
            out.add(dataset(name, new EventLogDecoder(e, contracts)));
        }
        return List.copyOf(out);
    }

    /** What tells two events apart in logs: the signature, which parameters are indexed, anonymity. */
    private static String shape(AbiEvent e) {
        StringBuilder sb = new StringBuilder(e.signature()).append(e.anonymous() ? " anonymous" : "");
        e.inputs().forEach(p -> sb.append(p.indexed() ? 'i' : '-'));
        return sb.toString();
    }

    private static int topicCount(AbiEvent e) {
        int n = e.anonymous() ? 0 : 1;
        for (var p : e.inputs()) {
            n += p.indexed() ? 1 : 0;
        }
        return n;
    }

    /** {@code TransferSingle} to {@code transfer_single}, {@code NFTMinted} to {@code nft_minted}: lowercase letters, digits and single underscores. */
    static String snakeCase(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char before = name.charAt(i - 1);
                boolean acronymEnds = Character.isUpperCase(before) && i + 1 < name.length()
                        && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(before) || Character.isDigit(before) || acronymEnds) {
                    sb.append('_'); // a new word: after a lowercase letter or digit, or the last capital of an acronym (NFTMinted)
                }
            }
            char l = Character.toLowerCase(c);
            sb.append((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') ? l : '_');
        }
        // file names split dataset and block range at a double underscore
        String s = sb.toString().replaceAll("_+", "_").replaceAll("^_|_$", "");
        return s.isEmpty() ? "event" : s;
    }

    private static Dataset dataset(String name, LogDecoder decoder) {
        return new Dataset(name, decoder.columns(), decoder);
    }
}
