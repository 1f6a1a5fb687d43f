package dev.heed.tensor;

import dev.heed.config.BadInputException;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** The element types Heed reads, writes and computes in, with their safetensors and config names. */
public enum DType {
    F32("F32", "float32", ScalarType.Float, 4),
    BF16("BF16", "bfloat16", ScalarType.BFloat16, 2),
    F16("F16", "float16", ScalarType.Half, 2),
    I64("I64", "int64", ScalarType.Long, 8);

    /** Name in a safetensors header. */
    public final String safetensorsName;
    /** Name in Hugging Face's config.json (`torch_dtype`) and on the command line. */
    public final String torchName;
    public final ScalarType scalarType;
    public final int bytes;

    DType(String safetensorsName, String torchName, ScalarType scalarType, int bytes) {
        this.safetensorsName = safetensorsName;
        this.torchName = torchName;
        this.scalarType = scalarType;
        this.bytes = bytes;
    }

    public static DType fromSafetensors(String name) {
        for (DType d : values()) if (d.safetensorsName.equals(name)) return d;
        throw new BadInputException("unsupported safetensors dtype '" + name + "' (supported: F32, BF16, F16, I64)");
    }

    /** Accepts config/CLI spellings: float32, fp32, bfloat16, bf16, float16, fp16, int64. */
    public static DType parse(String name) {
        switch (name.toLowerCase()) {
            case "float32": case "fp32": case "f32": case "float": return F32;
            case "bfloat16": case "bf16": return BF16;
            case "float16": case "fp16": case "f16": case "half": return F16;
            case "int64": case "i64": case "long": return I64;
            default: throw new BadInputException("unknown dtype '" + name + "' (expected float32, bfloat16, float16 or int64)");
        }
    }

    public static DType of(ScalarType t) {
        // JavaCPP returns a fresh enum object from native calls (e.g. Tensor.scalar_type()); intern() maps it
        // back to the constant that == can compare.
        ScalarType constant = t.intern();
        for (DType d : values()) if (d.scalarType == constant) return d;
        throw new IllegalArgumentException("no Heed dtype for libtorch scalar type " + t);
    }
}
