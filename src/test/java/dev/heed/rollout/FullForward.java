package dev.heed.rollout;

import dev.heed.model.Decoder;
import dev.heed.tensor.Devices;
import dev.heed.tensor.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

import java.util.Arrays;

/** The cache-free reference: one full forward of prompt + response, read at the positions that predicted each response token. */
final class FullForward {
    private FullForward() {}

    /** Log-softmax(logits / temperature) [R, V] at the R positions that predict the response tokens. */
    static float[][] responseLogSoftmax(Decoder model, long[] prompt, long[] response, double temperature) {
        long[] all = Arrays.copyOf(prompt, prompt.length + response.length);
        System.arraycopy(response, 0, all, prompt.length, response.length);
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Tensor logits = model.forward(Tensors.longs(new long[][] {all}, Devices.cpu()), null).squeeze(0);
            Tensor rows = logits.narrow(0, prompt.length - 1, response.length).div(new org.bytedeco.pytorch.Scalar(temperature));
            Tensor logp = torch.log_softmax(rows, 1);
            int v = (int) logp.size(1);
            float[] flat = Tensors.toFloats(logp);
            float[][] out = new float[response.length][];
            for (int i = 0; i < out.length; i++) out[i] = Arrays.copyOfRange(flat, i * v, (i + 1) * v);
            return out;
        }
    }

    /** Greedy continuation by repeated full forwards: argmax of the last position, appended, n times. */
    static long[] greedy(Decoder model, long[] prompt, int n) {
        long[] response = new long[0];
        for (int i = 0; i < n; i++) {
            long[] all = Arrays.copyOf(prompt, prompt.length + response.length);
            System.arraycopy(response, 0, all, prompt.length, response.length);
            try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
                Tensor logits = model.forward(Tensors.longs(new long[][] {all}, Devices.cpu()), null);
                long next = logits.select(1, all.length - 1).argmax().item_long();
                response = Arrays.copyOf(response, response.length + 1);
                response[i] = next;
            }
        }
        return response;
    }
}
