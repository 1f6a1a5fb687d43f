package dev.heed.model;

import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Keys and values of every layer for a batch of sequences, in slots [0, capacity). Each forward through
 * the cache appends T slots to every sequence; a slot whose input mask is 0 (padding, or a sequence
 * that is already finished) is never attended to and does not advance that sequence's position.
 * Sequences therefore keep their own positions while sharing one slot clock.
 */
public final class KvCache implements AutoCloseable {
    private final Tensor[] keys;   // per layer [B, kvHeads, capacity, headDim]
    private final Tensor[] values;
    private final Tensor valid;     // [B, capacity] bool: slot holds a real token
    private final Tensor nextPosition; // [B] int64: position of each sequence's next real token
    private final int capacity;
    private int length;

    public KvCache(ModelConfig c, int batch, int capacity, Device device, DType dtype) {
        this.capacity = capacity;
        TensorOptions kv = Tensors.options(dtype, device);
        long[] shape = {batch, c.numKvHeads(), capacity, c.headDim()};
        keys = new Tensor[c.numLayers()];
        values = new Tensor[c.numLayers()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Tensors.keep(torch.zeros(shape, kv));
            values[i] = Tensors.keep(torch.zeros(shape, kv));
        }
        valid = Tensors.keep(torch.zeros(new long[] {batch, capacity}, new TensorOptions(torch.ScalarType.Bool).device(new DeviceOptional(device))));
        nextPosition = Tensors.keep(torch.zeros(new long[] {batch}, Tensors.options(DType.I64, device)));
    }

    public int length() {
        return length;
    }

    public int capacity() {
        return capacity;
    }

    public int batchSize() {
        return (int) valid.size(0);
    }

    /** Positions [B] each sequence's next real token will take. */
    public Tensor nextPositions() {
        return nextPosition;
    }

    /** Positions [B, T] of the incoming tokens, given their mask [B, T]. */
    Tensor positionsFor(Tensor mask) {
        return Decoder.positions(mask).add(nextPosition.unsqueeze(1));
    }

    /**
     * Boolean attention mask [B, 1, T, length + T] for T incoming tokens: a query sees earlier or equal slots
     * that hold real tokens. Its own slot stays visible even when padded so no row is empty.
     */
    Tensor attentionMask(Tensor mask) {
        int t = (int) mask.size(1);
        int total = length + t;
        Tensor slots = torch.arange(new Scalar(total), Tensors.options(DType.I64, valid.device()));
        Tensor querySlot = slots.narrow(0, length, t).unsqueeze(1);          // [T, 1]
        Tensor causal = slots.unsqueeze(0).le(querySlot);                     // [T, total]
        Tensor own = slots.unsqueeze(0).eq(querySlot);
        Tensor keyValid = torch.cat(new TensorVector(valid.narrow(1, 0, length), mask.to(torch.ScalarType.Bool)), 1);
        return causal.unsqueeze(0).logical_and(keyValid.unsqueeze(1)).logical_or(own.unsqueeze(0)).unsqueeze(1);
    }

    /** Writes layer {@code layer}'s new keys/values [B, kvHeads, T, D] and returns the filled prefix including them. */
    Tensor[] append(int layer, Tensor k, Tensor v) {
        int t = (int) k.size(2);
        keys[layer].narrow(2, length, t).copy_(k);
        values[layer].narrow(2, length, t).copy_(v);
        return new Tensor[] {keys[layer].narrow(2, 0, length + t), values[layer].narrow(2, 0, length + t)};
    }

    void checkRoom(int t) {
        if (length + t > capacity)
            throw new IllegalStateException("KV cache full: " + length + " + " + t + " slots exceed capacity " + capacity);
    }

    /** Commits T appended slots after all layers have written them. */
    void advance(Tensor mask) {
        int t = (int) mask.size(1);
        valid.narrow(1, length, t).copy_(mask.to(torch.ScalarType.Bool));
        nextPosition.add_(mask.sum(new long[] {1}, false, null).to(DType.I64.scalarType));
        length += t;
    }

    @Override
    public void close() {
        for (Tensor t : keys) Tensors.release(t);
        for (Tensor t : values) Tensors.release(t);
        Tensors.release(valid);
        Tensors.release(nextPosition);
    }
}
