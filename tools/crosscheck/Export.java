// Exports the parameters of a trained isce4j run directory to a simple binary file that
// crosscheck.py reads: "ISCEW1" magic, int32 count, then per parameter:
// int32 name length, UTF-8 name, int32 rank, int32 dims..., float32 values (little endian).
// Run: ONEDNN_MAX_CPU_ISA=AVX java -Dai.djl.offline=true -cp target/isce4j.jar \
//        tools/crosscheck/Export.java runs/demo/lenet5-sce /tmp/sce.bin \
//        [t10k-images-idx3-ubyte.gz N logits.bin]
// With the optional three arguments it also writes the model's logits (float32 LE, [N, K]) for
// the first N images of the idx file (pixels / 255), so the Python rebuild can be compared.
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.isce4j.model.NetworkClassifier;
import io.github.isce4j.train.Checkpoint;
import io.github.isce4j.train.RunDirectory;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

public class Export {
    public static void main(String[] args) throws Exception {
        try (NetworkClassifier c = Checkpoint.loadTrained(RunDirectory.open(Path.of(args[0])));
                FileOutputStream out = new FileOutputStream(args[1])) {
            var params = c.network().getParameters();
            out.write("ISCEW1".getBytes(StandardCharsets.US_ASCII));
            out.write(le(4).putInt(params.size()).array());
            for (Pair<String, Parameter> p : params) {
                byte[] name = p.getKey().getBytes(StandardCharsets.UTF_8);
                Shape s = p.getValue().getArray().getShape();
                float[] v = p.getValue().getArray().toFloatArray();
                ByteBuffer b = le(8 + name.length + 4 * s.dimension() + 4 * v.length);
                b.putInt(name.length).put(name).putInt(s.dimension());
                for (long d : s.getShape()) b.putInt((int) d);
                for (float f : v) b.putFloat(f);
                out.write(b.array());
                System.out.println(p.getKey() + " " + s);
            }
            if (args.length >= 5) {
                int n = Integer.parseInt(args[3]);
                float[] px = new float[n * 28 * 28];
                try (var in = new java.io.DataInputStream(new java.util.zip.GZIPInputStream(
                        new java.io.FileInputStream(args[2])))) {
                    in.readInt(); in.readInt(); in.readInt(); in.readInt();
                    for (int i = 0; i < px.length; i++) px[i] = in.readUnsignedByte() / 255f;
                }
                try (var m = c.model().getNDManager().newSubManager();
                        FileOutputStream lo = new FileOutputStream(args[4])) {
                    float[] z = c.logits(m.create(px, new Shape(n, 1, 28, 28))).toFloatArray();
                    ByteBuffer b = le(4 * z.length);
                    for (float f : z) b.putFloat(f);
                    lo.write(b.array());
                }
            }
        }
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
