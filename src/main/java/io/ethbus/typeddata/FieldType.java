package io.ethbus.typeddata;

/**
 * A field's type split into what an encoder needs: the base name with its {@link AtomicType}
 * (null for a struct) and, for an array, its outermost length ({@link #DYNAMIC} for {@code []})
 * and element type. {@code Person[2][]} is a dynamic array whose elements are {@code Person[2]}.
 */
record FieldType(String text, String base, AtomicType atomic, int length, FieldType element) {
    static final int DYNAMIC = -1;
    static final int NOT_AN_ARRAY = -2;

    /** Parses {@code text}; {@code path} names the field for errors. */
    static FieldType parse(String text, String path) {
        int bracket = text.indexOf('[');
        String base = bracket >= 0 ? text.substring(0, bracket) : text;
        if (base.isEmpty()) {
            throw new InvalidTypedDataException(path, "\"" + text + "\" has no type name");
        }
        if (bracket >= 0) {
            checkDimensions(text.substring(bracket), text, path);
        }
        return build(text, base, AtomicType.named(base));
    }

    private static FieldType build(String text, String base, AtomicType atomic) {
        if (!text.endsWith("]")) {
            return new FieldType(text, base, atomic, NOT_AN_ARRAY, null);
        }
        int open = text.lastIndexOf('[');
        String digits = text.substring(open + 1, text.length() - 1);
        int length = digits.isEmpty() ? DYNAMIC : Integer.parseInt(digits);
        return new FieldType(text, base, atomic, length, build(text.substring(0, open), base, atomic));
    }

    boolean isArray() {
        return length != NOT_AN_ARRAY;
    }

    /** True when some dimension is {@code []} or {@code [0]}: a value may then hold no element. */
    boolean mayBeEmpty() {
        return text.contains("[]") || text.contains("[0]");
    }

    private static void checkDimensions(String dims, String text, String path) {
        int i = 0;
        while (i < dims.length()) {
            int close = dims.indexOf(']', i);
            if (dims.charAt(i) != '[' || close < 0) {
                throw new InvalidTypedDataException(path, "\"" + text + "\" is not a type: bad array brackets");
            }
            String digits = dims.substring(i + 1, close);
            if (!digits.isEmpty() && (digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (digits.length() > 1 && digits.charAt(0) == '0'))) {
                throw new InvalidTypedDataException(path, "\"" + text + "\" is not a type: bad array length " + digits);
            }
            i = close + 1;
        }
    }
}
