package dev.heed.tensor;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

import java.util.Arrays;

/** Small conversions between Java arrays and tensors, and the ownership rule for long-lived tensors. */
public final class Tensors {
    private Tensors() {}

    /**
     * Keeps a tensor alive past the PointerScope it was made in (or any GC): the owner must
     * {@link #release} it. Works the same whether or not a scope is open.
     */
    public static Tensor keep(Tensor t) {
        t.retainReference();
        return t;
    }

    public static void release(Tensor t) {
        if (t != null && !t.isNull()) t.releaseReference();
    }

    public static TensorOptions options(DType dtype, Device device) {
        return new TensorOptions(dtype.scalarType).device(new DeviceOptional(device));
    }

    /** int64 tensor [rows, cols] from a rectangular array, on the given device. */
    public static Tensor longs(long[][] rows, Device device) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        long[] flat = new long[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) throw new IllegalArgumentException("ragged rows: row " + r + " has " + rows[r].length + ", expected " + cols);
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return longs(flat, device).view(rows.length, cols);
    }

    public static Tensor longs(long[] values, Device device) {
        Tensor cpu = torch.from_blob(new LongPointer(values), new long[] {values.length},
                new TensorOptions(DType.I64.scalarType)).clone();
        return device.is_cpu() ? cpu : cpu.to(device, DType.I64.scalarType);
    }

    public static Tensor floats(float[] values, long... shape) {
        return torch.from_blob(new FloatPointer(values), shape, new TensorOptions(DType.F32.scalarType)).clone();
    }

    /** Copies any floating tensor to a Java array (row-major), converting to fp32 on the CPU. */
    public static float[] toFloats(Tensor t) {
        Tensor c = t.to(Devices.cpu(), DType.F32.scalarType).contiguous();
        float[] out = new float[(int) c.numel()];
        c.data_ptr_float().get(out);
        return out;
    }

    /** Copies any numeric tensor to a Java array (row-major) as fp64: exact for fp32 values and for integers below 2^53. */
    public static double[] toDoubles(Tensor t) {
        Tensor c = t.to(Devices.cpu(), torch.ScalarType.Double).contiguous();
        double[] out = new double[(int) c.numel()];
        c.data_ptr_double().get(out);
        return out;
    }

    public static long[] toLongs(Tensor t) {
        Tensor c = t.to(Devices.cpu(), DType.I64.scalarType).contiguous();
        long[] out = new long[(int) c.numel()];
        c.data_ptr_long().get(out);
        return out;
    }

    public static long[] shape(Tensor t) {
        long[] dims = new long[(int) t.dim()];
        for (int i = 0; i < dims.length; i++) dims[i] = t.size(i);
        return dims;
    }

    public static String shapeString(Tensor t) {
        return Arrays.toString(shape(t));
    }
}
