package io.ethbus.typeddata;

/**
 * Where a value sits in a document, as {@code message.to.wallet} or {@code message.cc[1]}:
 * a link to its parent, rendered only when an error needs it, so that hashing a valid
 * document builds no strings.
 */
record FieldPath(FieldPath parent, String name, int index) {
    static FieldPath root(String name) {
        return new FieldPath(null, name, -1);
    }

    FieldPath field(String field) {
        return new FieldPath(this, field, -1);
    }

    FieldPath element(int i) {
        return new FieldPath(this, null, i);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        render(sb);
        return sb.toString();
    }

    private void render(StringBuilder sb) {
        if (parent != null) {
            parent.render(sb);
        }
        if (name == null) {
            sb.append('[').append(index).append(']');
        } else {
            sb.append(parent == null ? "" : ".").append(name);
        }
    }
}
