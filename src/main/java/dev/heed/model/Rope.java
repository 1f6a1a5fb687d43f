package dev.heed.model;

import dev.heed.tensor.DType;
import dev.heed.tensor.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Rotary position embeddings in Hugging Face's rotate-half convention: the head dimension is split in
 * two halves that rotate together, cos/sin repeat over both halves. Frequencies and angles are computed
 * in fp32 as the reference does, then cast to the activation dtype.
 */
final class Rope implements AutoCloseable {
    private final Tensor invFreq; // [headDim / 2] fp32

    Rope(ModelConfig c, Device device) {
        int dim = c.headDim();
        TensorOptions f32 = new TensorOptions(DType.F32.scalarType);
        // inv_freq = 1 / theta^(2i / dim)
        Tensor exponent = torch.arange(new Scalar(0), new Scalar(dim), new Scalar(2), f32).div(new Scalar((double) dim));
        Tensor inv = torch.pow(new Scalar(c.ropeTheta()), exponent).reciprocal();
        if (c.ropeScaling() != null) inv = llama3(inv, c.ropeScaling());
        invFreq = Tensors.keep(inv.to(device, DType.F32.scalarType));
    }

    /**
     * Llama 3.1: long wavelengths are slowed by `factor`, short ones kept, the band between interpolated
     * smoothly.
     */
    private static Tensor llama3(Tensor inv, ModelConfig.Llama3RopeScaling s) {
        double oldLen = s.originalMaxPositionEmbeddings();
        double lowWavelen = oldLen / s.lowFreqFactor();
        double highWavelen = oldLen / s.highFreqFactor();
        Tensor wavelen = inv.reciprocal().mul(new Scalar(2 * Math.PI));
        Tensor scaled = torch.where(wavelen.gt(new Scalar(lowWavelen)), inv.div(new Scalar(s.factor())), inv);
        Tensor smooth = wavelen.reciprocal().mul(new Scalar(oldLen)).sub(new Scalar(s.lowFreqFactor()))
                .div(new Scalar(s.highFreqFactor() - s.lowFreqFactor()));
        Tensor smoothed = smooth.neg().add(new Scalar(1.0)).mul(scaled).div(new Scalar(s.factor())).add(smooth.mul(scaled));
        Tensor medium = wavelen.ge(new Scalar(highWavelen)).logical_and(wavelen.le(new Scalar(lowWavelen)));
        return torch.where(medium, smoothed, scaled);
    }

    /** inverse frequencies [headDim / 2], fp32 on the model's device */
    Tensor invFreq() {
        return invFreq;
    }

    /** cos and sin for positions [B, T], shaped [B, 1, T, headDim] to broadcast over heads. */
    Tensor[] cosSin(Tensor positions, DType dtype) {
        Tensor freqs = positions.to(DType.F32.scalarType).unsqueeze(-1).mul(invFreq); // [B, T, D/2]
        Tensor emb = torch.cat(new TensorVector(freqs, freqs), -1).unsqueeze(1);
        return new Tensor[] {emb.cos().to(dtype.scalarType), emb.sin().to(dtype.scalarType)};
    }

    /** x * cos + rotate_half(x) * sin, with rotate_half(x) = [-x2, x1]. */
    static Tensor apply(Tensor x, Tensor cos, Tensor sin) {
        long half = x.size(-1) / 2;
        Tensor rotated = torch.cat(new TensorVector(x.narrow(-1, half, half).neg(), x.narrow(-1, 0, half)), -1);
        return x.mul(cos).add(rotated.mul(sin));
    }

    @Override
    public void close() {
        Tensors.release(invFreq);
    }
}
