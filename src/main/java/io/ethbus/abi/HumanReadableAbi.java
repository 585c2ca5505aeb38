package io.ethbus.abi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Human-readable signatures as viem's {@code parseAbi} takes them, turned into the JSON ABI
 * entries a compiler would write for them, so that both inputs go through one reader.
 * Parameter names, {@code indexed}, {@code anonymous}, state mutability, inline tuples
 * ({@code (address a, uint256 b)[]} or {@code tuple(...)}) and {@code struct} declarations used
 * by name are kept; {@code uint}/{@code int} mean 256 bits. One instance reads one signature.
 */
final class HumanReadableAbi {
    private static final Pattern ELEMENTARY = Pattern.compile(
            "address|bool|string|bytes|function|bytes([1-9]|[12][0-9]|3[0-2])|u?int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128"
                    + "|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)");
    private static final Set<String> LOCATIONS = Set.of("calldata", "memory", "storage", "payable");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String text;
    private final Map<String, String> structs;
    private final Set<String> resolving;
    private int pos;

    private HumanReadableAbi(String text, Map<String, String> structs, Set<String> resolving) {
        this.text = text;
        this.structs = structs;
        this.resolving = resolving;
    }

    static ArrayNode toJson(List<String> signatures) {
        Map<String, String> structs = new HashMap<>();
        for (String s : signatures) {
            String t = s.strip();
            if (t.startsWith("struct ")) {
                int open = t.indexOf('{');
                int close = t.lastIndexOf('}');
                if (open < 0 || close != t.length() - 1) {
                    throw new AbiException("malformed signature '" + s + "': a struct is 'struct Name { type name; ... }'");
                }
                structs.put(t.substring(7, open).strip(), t.substring(open + 1, close));
            }
        }
        ArrayNode out = JSON.arrayNode();
        for (String s : signatures) {
            String t = s.strip();
            // fallback and receive take no arguments and return nothing: nothing to encode or decode
            if (!t.startsWith("struct ") && !t.startsWith("fallback") && !t.startsWith("receive")) {
                try {
                    out.add(new HumanReadableAbi(s, structs, new HashSet<>()).entry());
                } catch (AbiException e) {
                    throw new AbiException("malformed signature '" + s + "': " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private ObjectNode entry() {
        String kind = word();
        ObjectNode entry = JSON.objectNode();
        entry.put("type", kind);
        switch (kind) {
            case "function", "event", "error" -> entry.put("name", word());
            case "constructor" -> { }
            default -> throw new AbiException("expected function, event, error, constructor or struct, got '" + kind + "'");
        }
        entry.set("inputs", list('(', ',', ')', kind.equals("event")));
        String mutability = "nonpayable";
        skipSpace();
        while (!atEnd()) {
            String modifier = word();
            switch (modifier) {
                case "view", "pure", "payable", "nonpayable" -> mutability = modifier;
                case "external", "public", "virtual", "override" -> { }
                case "anonymous" -> entry.put("anonymous", true);
                case "returns" -> entry.set("outputs", list('(', ',', ')', false));
                default -> throw new AbiException("unexpected '" + modifier + "'");
            }
            skipSpace();
        }
        if (kind.equals("function") || kind.equals("constructor")) {
            entry.put("stateMutability", mutability);
            if (!entry.has("outputs")) {
                entry.set("outputs", JSON.arrayNode());
            }
        } else if (kind.equals("event") && !entry.has("anonymous")) {
            entry.put("anonymous", false);
        }
        return entry;
    }

    /** Parameters between {@code open} and {@code close}, separated by {@code separator}. */
    private ArrayNode list(char open, char separator, char close, boolean event) {
        expect(open);
        ArrayNode params = JSON.arrayNode();
        skipSpace();
        if (peek() == close) {
            pos++;
            return params;
        }
        while (true) {
            params.add(param(event, separator, close));
            skipSpace();
            if (peek() == close) {
                pos++;
                return params;
            }
            expect(separator);
            skipSpace();
            if (separator == ';' && peek() == close) { // struct members end with ';'
                pos++;
                return params;
            }
        }
    }

    private ObjectNode param(boolean event, char separator, char close) {
        ObjectNode param = JSON.objectNode();
        type(param);
        String name = "";
        boolean indexed = false;
        skipSpace();
        while (!atEnd() && peek() != separator && peek() != close) {
            String w = word();
            if (w.equals("indexed") && event) {
                indexed = true;
            } else if (!LOCATIONS.contains(w) && name.isEmpty()) {
                name = w;
            } else if (!LOCATIONS.contains(w)) {
                throw new AbiException("unexpected '" + w + "' after parameter " + name);
            }
            skipSpace();
        }
        param.put("name", name);
        if (event) {
            param.put("indexed", indexed);
        }
        return param;
    }

    /** Reads a type with its array suffixes into {@code param}'s type and components. */
    private void type(ObjectNode param) {
        skipSpace();
        String base;
        if (peek() == '(') {
            param.set("components", list('(', ',', ')', false));
            base = "tuple";
        } else {
            String w = word();
            if (w.equals("tuple") && peek() == '(') {
                param.set("components", list('(', ',', ')', false));
                base = "tuple";
            } else if (structs.containsKey(w)) {
                if (!resolving.add(w)) {
                    throw new AbiException("struct " + w + " contains itself");
                }
                HumanReadableAbi members = new HumanReadableAbi("{" + structs.get(w) + "}", structs, resolving);
                param.set("components", members.list('{', ';', '}', false));
                resolving.remove(w);
                base = "tuple";
            } else if (w.equals("uint") || w.equals("int")) {
                base = w + "256";
            } else if (ELEMENTARY.matcher(w).matches()) {
                base = w;
            } else {
                throw new AbiException("unknown type '" + w + "'");
            }
        }
        StringBuilder type = new StringBuilder(base);
        while (!atEnd() && peek() == '[') {
            int end = text.indexOf(']', pos);
            if (end < 0) {
                throw new AbiException("unclosed '[' at " + pos);
            }
            String length = text.substring(pos + 1, end).strip();
            if (!length.isEmpty() && !length.chars().allMatch(Character::isDigit)) {
                throw new AbiException("array length '" + length + "' is not a number");
            }
            type.append('[').append(length).append(']');
            pos = end + 1;
        }
        param.put("type", type.toString());
    }

    private String word() {
        skipSpace();
        int start = pos;
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '$')) {
            pos++;
        }
        if (start == pos) {
            throw new AbiException(atEnd() ? "unexpected end" : "unexpected '" + peek() + "' at " + pos);
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        skipSpace();
        if (atEnd() || peek() != c) {
            throw new AbiException("expected '" + c + "' at " + pos + (atEnd() ? ", got the end" : ", got '" + peek() + "'"));
        }
        pos++;
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    /** The next character, or NUL at the end (which no rule expects, so it fails as unexpected). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }
}
