package dev.heed.model;

/**
 * Where the tokens of one {@link Decoder#feed} call go: token i to cache row {@code rows[i]} at position
 * {@code positions[i]}, a row's tokens taking its next free positions in the order given.
 *
 * @param counts tokens fed to each cache row
 * @param width  the most tokens any row is fed
 */
record FeedPlan(int[] rows, long[] tokens, long[] positions, int[] counts, int width) {
    /** Checks rows and room in the cache; nothing is written yet. */
    static FeedPlan of(int[] rows, long[] tokens, KvCache cache) {
        if (rows.length != tokens.length) throw new IllegalArgumentException(rows.length + " rows but " + tokens.length + " tokens");
        if (rows.length == 0) throw new IllegalArgumentException("nothing to feed");
        int b = cache.batchSize(), width = 0;
        int[] counts = new int[b];
        long[] positions = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (r < 0 || r >= b) throw new IndexOutOfBoundsException("row " + r + " of a cache of " + b);
            positions[i] = cache.length(r) + counts[r]++;
            width = Math.max(width, counts[r]);
        }
        for (int r = 0; r < b; r++) cache.requireRoom(r, counts[r]);
        return new FeedPlan(rows, tokens, positions, counts, width);
    }

    int size() {
        return rows.length;
    }

    /** Records the fed tokens in the cache's row lengths, after a forward wrote their keys and values. */
    void commit(KvCache cache) {
        for (int r = 0; r < counts.length; r++) cache.advance(r, counts[r]);
    }
}
