package org.crystograph.model;

import java.nio.file.Path;
import org.crystograph.graph.featurize.AtomFeaturizer;
import org.crystograph.graph.featurize.CdkDescriptorFeaturizer;
import org.crystograph.graph.featurize.TableFeaturizer;

/** Recreates the atom featurizer a checkpoint was trained with. */
public final class Featurizers {

    private Featurizers() {
    }

    /** The identity of a featurizer as recorded in checkpoints. */
    public static CheckpointInfo.FeaturizerInfo describe(AtomFeaturizer f) {
        String path = f instanceof TableFeaturizer t ? t.source().toString() : null;
        return new CheckpointInfo.FeaturizerInfo(f.id(), f.width(), f.sourceSha256(), path);
    }

    /**
     * The featurizer of a checkpoint: the CDK descriptor, or the table at {@code tablePath} (else the recorded path),
     * which must have the recorded SHA-256.
     *
     * @throws IllegalArgumentException for an unknown id, a missing table path, another table file or a width mismatch
     */
    public static AtomFeaturizer of(CheckpointInfo.FeaturizerInfo info, Path tablePath) {
        AtomFeaturizer f;
        if (CdkDescriptorFeaturizer.ID.equals(info.id())) {
            f = new CdkDescriptorFeaturizer();
        } else if (TableFeaturizer.ID.equals(info.id())) {
            Path path = tablePath != null ? tablePath : info.path() == null ? null : Path.of(info.path());
            if (path == null) {
                throw new IllegalArgumentException("checkpoint uses an atom table; give its path");
            }
            f = TableFeaturizer.load(path);
            if (info.sha256() != null && !info.sha256().equals(f.sourceSha256())) {
                throw new IllegalArgumentException("atom table " + path + " has SHA-256 " + f.sourceSha256()
                        + ", the checkpoint was trained with " + info.sha256());
            }
        } else {
            throw new IllegalArgumentException("unknown atom featurizer '" + info.id() + "'");
        }
        if (f.width() != info.width()) {
            throw new IllegalArgumentException("featurizer " + info.id() + " has width " + f.width()
                    + ", the checkpoint expects " + info.width());
        }
        return f;
    }
}
