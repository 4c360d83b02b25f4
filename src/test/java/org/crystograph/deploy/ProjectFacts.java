package org.crystograph.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Values the deployment files must agree with, read from where the build defines them. */
final class ProjectFacts {

    private ProjectFacts() {
    }

    /** A top-level property of {@code pom.xml} ({@code <properties>}), or the project version for "project.version". */
    static String pomProperty(String name) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile()).getDocumentElement();
            if (name.equals("project.version")) {
                return childText(project, "version");
            }
            Element properties = child(project, "properties");
            return childText(properties, name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + name + " from pom.xml", e);
        }
    }

    /** jemalloc's settings as {@code bin/crystograph} sets them when it preloads jemalloc. */
    static String launcherMallocConf() {
        try {
            Matcher m = Pattern.compile("MALLOC_CONF=\"\\$\\{MALLOC_CONF:-([^}]+)}\"")
                    .matcher(Files.readString(Path.of("bin/crystograph")));
            if (!m.find()) {
                throw new IllegalStateException("bin/crystograph sets no default MALLOC_CONF");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image reference the build produces for a variant ({@code cpu} or {@code cuda}). */
    static String image(String variant) {
        return pomProperty("container.image.name") + ":" + pomProperty("project.version") + "-" + variant;
    }

    /** A key of {@code src/main/resources/application.properties} (unprofiled), or null. */
    static String applicationProperty(String key) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty(key);
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new IllegalStateException("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static String childText(Element parent, String name) {
        return child(parent, name).getTextContent().trim();
    }
}
