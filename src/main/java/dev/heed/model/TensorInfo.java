package dev.heed.model;

import dev.heed.tensor.DType;

/**
 * One tensor's entry in a safetensors header. {@code begin} and {@code end} are byte offsets into the
 * file's data section (after the header), exactly as the header's {@code data_offsets} state them.
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {
    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long byteSize() {
        return end - begin;
    }
}
