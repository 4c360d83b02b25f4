package org.crystograph.inference;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The models shipped with the application under the classpath folder {@value #ROOT}: each sub-folder is a model
 * directory. Models inside the application jar are copied once to a temporary directory, since the engine loads
 * weights from files.
 */
@ApplicationScoped
public class BundledModels {

    /** Classpath folder of bundled models. */
    public static final String ROOT = "models";

    private List<Path> directories;

    /** The bundled model directories on disk, sorted by name; empty when none are bundled. */
    public synchronized List<Path> directories() {
        if (directories == null) {
            directories = locate();
        }
        return directories;
    }

    /**
     * The directory of one bundled model, for use outside CDI (command line tools); a model inside the application
     * jar is extracted to a temporary directory first.
     *
     * @throws IllegalStateException when no bundled model has that name
     */
    public static Path directory(String name) {
        return locate().stream().filter(d -> d.getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no bundled model '" + name + "' under " + ROOT));
    }

    private static List<Path> locate() {
        URL url = Thread.currentThread().getContextClassLoader().getResource(ROOT);
        if (url == null) {
            url = BundledModels.class.getClassLoader().getResource(ROOT);
        }
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("file".equals(uri.getScheme())) {
                return children(Path.of(uri));
            }
            if ("jar".equals(uri.getScheme())) {
                return extract(uri);
            }
            throw new IllegalStateException("cannot read bundled models from " + url);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad bundled model location " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled models from " + url, e);
        }
    }

    private static List<Path> extract(URI uri) throws IOException {
        FileSystem fs;
        boolean opened = false;
        try {
            fs = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
            fs = FileSystems.newFileSystem(uri, Map.of());
            opened = true;
        }
        try {
            Path source = fs.provider().getPath(uri);
            Path target = Files.createTempDirectory("crystograph-models-");
            target.toFile().deleteOnExit();
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : walk.toList()) {
                    Path dest = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                    dest.toFile().deleteOnExit();
                }
            }
            return children(target);
        } finally {
            if (opened) {
                fs.close();
            }
        }
    }

    private static List<Path> children(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return new ArrayList<>(s.filter(Files::isDirectory).sorted().toList());
        }
    }
}
