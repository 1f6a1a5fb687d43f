package dev.heed.model;

import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

import java.util.Arrays;

/**
 * Keys and values of every layer for a batch of rows. Each row keeps its real tokens packed in slots
 * [0, length(row)), so a token's slot is also its position; padding (input mask 0) is written to a spare
 * slot past the capacity that is never read. Rows therefore grow independently: a finished row can be
 * {@link #reset} and refilled with a new sequence while the others keep decoding.
 */
public final class KvCache implements AutoCloseable {
    private final Tensor[] keys;   // per layer [B, kvHeads, capacity + 1, headDim]; the last slot takes padding
    private final Tensor[] values;
    private final int capacity;
    private final int[] lengths;   // real tokens held per row, shared with views: rows [offset, offset + batch)
    private final int offset, batch;
    private final Device device;

    /** One forward's placement of its tokens, computed once and shared by all layers. */
    record Step(Tensor positions, Tensor attentionMask, Tensor writeSlots, int readLength, long[] added) {}

    public KvCache(ModelConfig c, int batch, int capacity, Device device, DType dtype) {
        this.capacity = capacity;
        this.device = device;
        this.lengths = new int[batch];
        this.offset = 0;
        this.batch = batch;
        TensorOptions kv = Tensors.options(dtype, device);
        long[] shape = {batch, c.numKvHeads(), capacity + 1, c.headDim()};
        keys = new Tensor[c.numLayers()];
        values = new Tensor[c.numLayers()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Tensors.keep(torch.zeros(shape, kv));
            values[i] = Tensors.keep(torch.zeros(shape, kv));
        }
    }

    private KvCache(KvCache parent, int row) {
        capacity = parent.capacity;
        device = parent.device;
        lengths = parent.lengths;
        offset = parent.offset + row;
        batch = 1;
        keys = new Tensor[parent.keys.length];
        values = new Tensor[parent.values.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Tensors.keep(parent.keys[i].narrow(0, row, 1));
            values[i] = Tensors.keep(parent.values[i].narrow(0, row, 1));
        }
    }

    /**
     * A one-row cache that shares this cache's storage and bookkeeping for {@code row}: a forward through it
     * (e.g. prefilling a refilled row) costs that row's tokens only. Close it when done; the parent stays valid.
     */
    public KvCache row(int row) {
        if (row < 0 || row >= batch) throw new IndexOutOfBoundsException("row " + row + " of " + batch);
        return new KvCache(this, row);
    }

    /** Real tokens cached for {@code row}: also the position its next token takes. */
    public int length(int row) {
        return lengths[offset + row];
    }

    public int capacity() {
        return capacity;
    }

    public int batchSize() {
        return batch;
    }

    /** Empties one row so a new sequence can start there; other rows are untouched. */
    public void reset(int row) {
        lengths[offset + row] = 0;
    }

    /**
     * Makes row {@code dst} hold the first {@code length} cached tokens of row {@code src} (a prompt both share),
     * replacing what it held: the copy costs two tensor copies a layer instead of a prefill.
     */
    public void copyPrefix(int src, int dst, int length) {
        if (length > lengths[offset + src])
            throw new IllegalArgumentException("row " + src + " holds " + lengths[offset + src] + " tokens, not " + length);
        for (int i = 0; i < keys.length; i++) {
            keys[i].select(0, dst).narrow(1, 0, length).copy_(keys[i].select(0, src).narrow(1, 0, length));
            values[i].select(0, dst).narrow(1, 0, length).copy_(values[i].select(0, src).narrow(1, 0, length));
        }
        lengths[offset + dst] = length;
    }

    /** Positions [B] each row's next real token will take. */
    public Tensor nextPositions() {
        long[] p = new long[batch];
        for (int i = 0; i < p.length; i++) p[i] = lengths[offset + i];
        return Tensors.longs(p, device);
    }

    /**
     * Places T incoming tokens with input mask [B, T]: real tokens take the next free slots of their row,
     * padding goes to the spare slot. A query attends to its row's slots up to and including its own; a
     * padding query is given slot 0 so that no attention row is empty.
     */
    Step plan(Tensor mask) {
        int b = batch;
        if (mask.size(0) != b) throw new IllegalArgumentException("mask has " + mask.size(0) + " rows, the cache " + b);
        long[] added = Tensors.toLongs(mask.ne(new Scalar(0)).sum(new long[] {1}, false, null));
        int read = 1;
        for (int r = 0; r < b; r++) {
            requireRoom(r, added[r]);
            read = (int) Math.max(read, lengths[offset + r] + added[r]);
        }
        long[] start = new long[b];
        for (int r = 0; r < b; r++) start[r] = lengths[offset + r];
        Tensor real = mask.ne(new Scalar(0));
        Tensor slot = real.to(DType.I64.scalarType).cumsum(1).sub(new Scalar(1)).add(Tensors.longs(start, device).unsqueeze(1)); // [B, T]
        Tensor query = torch.where(real, slot, torch.zeros_like(slot));
        Tensor write = torch.where(real, slot, torch.full_like(slot, new Scalar(capacity)));
        Tensor keySlots = torch.arange(new Scalar(read), Tensors.options(DType.I64, device)); // [read]
        Tensor attn = keySlots.view(1, 1, read).le(query.unsqueeze(2)).unsqueeze(1);            // [B, 1, T, read]
        return new Step(query, attn, write, read, added);
    }

    /** Writes layer {@code layer}'s new keys/values [B, kvHeads, T, D] and returns the slots to attend over. */
    Tensor[] append(int layer, Tensor k, Tensor v, Step step) {
        Tensor idx = step.writeSlots().view(k.size(0), 1, k.size(2), 1).expand(k.size(0), k.size(1), k.size(2), k.size(3));
        keys[layer].scatter_(2, idx, k);
        values[layer].scatter_(2, idx, v);
        return new Tensor[] {keys[layer].narrow(2, 0, step.readLength()), values[layer].narrow(2, 0, step.readLength())};
    }

    /** Layer {@code layer}'s key / value storage [B, kvHeads, slots, headDim], for kernels that write and read it directly. */
    Tensor keys(int layer) {
        return keys[layer];
    }

    Tensor values(int layer) {
        return values[layer];
    }

    /** Fails unless {@code row} has room for {@code count} more tokens. */
    void requireRoom(int row, long count) {
        if (lengths[offset + row] + count > capacity)
            throw new IllegalStateException("KV cache full: row " + row + " holds " + lengths[offset + row] + " + " + count
                    + " slots, exceeding capacity " + capacity);
    }

    /** Marks {@code count} more real tokens cached in {@code row} (after a kernel wrote them at the next slots). */
    void advance(int row, int count) {
        requireRoom(row, count);
        lengths[offset + row] += count;
    }

    /** Commits a step after all layers have written it. */
    void commit(Step step) {
        for (int r = 0; r < batch; r++) lengths[offset + r] += (int) step.added()[r];
    }

    @Override
    public String toString() {
        return "KvCache(capacity " + capacity + ", lengths " + Arrays.toString(Arrays.copyOfRange(lengths, offset, offset + batch)) + ")";
    }

    @Override
    public void close() {
        for (Tensor t : keys) Tensors.release(t);
        for (Tensor t : values) Tensors.release(t);
    }
}
