package org.crystograph.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 identities of checkpoints: a checkpoint directory's hash covers every regular file in it, visited in sorted
 * relative-path order, each contributing its relative path (UTF-8, '/'-separated), a NUL byte and its bytes.
 */
public final class CheckpointDigest {

    private static final int BUFFER_BYTES = 1 << 16;

    private CheckpointDigest() {
    }

    /** The hash of a checkpoint directory (hex, lower case). */
    public static String ofDirectory(Path dir) {
        MessageDigest md = sha256();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoint " + dir, e);
        }
        byte[] buffer = new byte[BUFFER_BYTES];
        for (Path f : files) {
            md.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    md.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The identity of an ensemble: the hash of its members' hashes, sorted, joined by newlines; a single one as is. */
    public static String ofMembers(List<String> memberHashes) {
        if (memberHashes.size() == 1) {
            return memberHashes.get(0);
        }
        String joined = String.join("\n", memberHashes.stream().sorted().toList());
        return HexFormat.of().formatHex(sha256().digest(joined.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
