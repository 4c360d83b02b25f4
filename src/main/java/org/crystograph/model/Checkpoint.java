package org.crystograph.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A checkpoint directory: {@code weights.params} (DJL parameter stream of {@link CrysToGraphBlock}) and
 * {@code checkpoint.json} ({@link CheckpointInfo}). Loading rebuilds the network from the JSON alone.
 */
public final class Checkpoint {

    /** Weights file name. */
    public static final String WEIGHTS = "weights.params";
    /** Metadata file name. */
    public static final String INFO = "checkpoint.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());

    private Checkpoint() {
    }

    /** The JSON mapper used for checkpoint metadata. */
    public static ObjectMapper json() {
        return JSON;
    }

    /**
     * Writes a checkpoint into {@code dir}, replacing it atomically (written beside it, then moved into place).
     */
    public static void save(Path dir, CrysToGraphBlock block, CheckpointInfo info) {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".writing");
        try {
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            try (DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(tmp.resolve(WEIGHTS))))) {
                block.saveParameters(out);
            }
            JSON.writeValue(tmp.resolve(INFO).toFile(), info);
            Path old = dir.resolveSibling(dir.getFileName() + ".old");
            deleteRecursively(old);
            if (Files.exists(dir)) {
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir, e);
        }
    }

    /** Reads the metadata of a checkpoint directory. */
    public static CheckpointInfo readInfo(Path dir) {
        try {
            return JSON.readValue(dir.resolve(INFO).toFile(), CheckpointInfo.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(INFO), e);
        }
    }

    /** Reads metadata from a stream (e.g. a classpath resource). */
    public static CheckpointInfo readInfo(InputStream in) throws IOException {
        return JSON.readValue(in, CheckpointInfo.class);
    }

    /**
     * Builds the network described by the metadata and loads its weights into {@code manager}.
     *
     * @throws IllegalArgumentException when the weights were written by another block version
     */
    public static CrysToGraphBlock loadBlock(CheckpointInfo info, InputStream weights, NDManager manager)
            throws IOException {
        if (info.blockVersion() != CrysToGraphBlock.VERSION) {
            throw new IllegalArgumentException("checkpoint block version " + info.blockVersion()
                    + " is not this code's " + CrysToGraphBlock.VERSION);
        }
        CrysToGraphBlock block = new CrysToGraphBlock(info.config());
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(weights))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("weights do not match the checkpoint's configuration: " + e.getMessage(), e);
        }
        return block;
    }

    /** Loads the network of a checkpoint directory. */
    public static CrysToGraphBlock loadBlock(Path dir, NDManager manager) throws IOException {
        CheckpointInfo info = readInfo(dir);
        try (InputStream in = Files.newInputStream(dir.resolve(WEIGHTS))) {
            return loadBlock(info, in, manager);
        }
    }

    /** Whether {@code dir} holds a checkpoint. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(INFO)) && Files.isRegularFile(dir.resolve(WEIGHTS));
    }

    /** Deletes a file tree if present. */
    public static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
