package org.crystograph.structure.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.crystograph.structure.Lattice;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.Site;
import org.crystograph.structure.Species;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;

/**
 * The two JSON structure formats.
 *
 * <p><b>pymatgen</b> ({@code Structure.as_dict()}, rules of the UnconvBench spec section 2): {@code lattice.matrix}
 * (rows a, b, c in Angstrom), {@code sites[].species[]} with {@code element} and {@code occu} (an
 * {@code oxidation_state} is ignored), {@code sites[].abc} authoritative; {@code sites[].xyz}, when present, is checked
 * against {@code abc . matrix} and a difference above 1e-3 A gives a warning. Everything else is ignored. A JSON
 * array of such objects gives several structures.
 *
 * <p><b>OPTIMADE</b>: a response ({@code data} object or array), a structure resource ({@code attributes}) or the
 * attributes themselves: {@code lattice_vectors} (Angstrom rows), {@code cartesian_site_positions} (Angstrom),
 * {@code species_at_sites} naming entries of {@code species} ({@code chemical_symbols} with {@code concentration};
 * {@code vacancy} is left out); without {@code species} the site names must be element symbols.
 * {@code dimension_types} other than {@code [1, 1, 1]} are reported as a warning (read as 3-D periodic); a missing
 * (null) lattice vector is an error.
 *
 * <p>Both: the cell must lie within {@link CellLimits}; sites on one position follow {@link CoincidentAtoms} (one
 * disordered site when their occupancies add up to at most 1, else refused).
 */
final class JsonStructureReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** pymatgen xyz vs abc.matrix consistency threshold in Angstrom (UnconvBench spec section 2). */
    static final double XYZ_TOLERANCE_ANGSTROM = 1e-3;
    private static final String VACANCY = "vacancy";

    private JsonStructureReader() {
    }

    /** PYMATGEN_JSON or OPTIMADE_JSON from the keys present. */
    static Format sniff(String text) {
        if (text.contains("\"lattice_vectors\"") || text.contains("\"cartesian_site_positions\"")
                || text.contains("\"species_at_sites\"")) {
            return Format.OPTIMADE_JSON;
        }
        if (text.contains("\"sites\"") && text.contains("\"lattice\"")) {
            return Format.PYMATGEN_JSON;
        }
        throw new StructureException("json", 1, null, "JSON input is neither a pymatgen Structure (lattice, sites) nor"
                + " an OPTIMADE structure (lattice_vectors, cartesian_site_positions, species_at_sites)");
    }

    static List<ParsedStructure> read(String text, Format format, String source, ReadOptions options) {
        String fmt = format.id();
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new StructureException(fmt, line, null, "invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new StructureException(fmt, 0, null, "empty JSON input");
        }
        List<ParsedStructure> out = new ArrayList<>();
        if (format == Format.PYMATGEN_JSON) {
            if (root.isArray()) {
                for (int i = 0; i < root.size(); i++) {
                    out.add(pymatgen(root.get(i), "[" + i + "]", source, options));
                }
            } else {
                out.add(pymatgen(root, "", source, options));
            }
        } else {
            JsonNode data = root.has("data") ? root.get("data") : root;
            if (data.isArray()) {
                for (int i = 0; i < data.size(); i++) {
                    out.add(optimade(data.get(i), "data[" + i + "]", source, options));
                }
            } else {
                out.add(optimade(data, root.has("data") ? "data" : "", source, options));
            }
        }
        if (out.isEmpty()) {
            throw new StructureException(fmt, 0, null, "no structures in the JSON input");
        }
        return out;
    }

    // ---- pymatgen ----

    private static ParsedStructure pymatgen(JsonNode s, String path, String source, ReadOptions options) {
        String fmt = Format.PYMATGEN_JSON.id();
        if (!s.isObject()) {
            throw new StructureException(fmt, 0, path, "a structure must be a JSON object");
        }
        Lattice lattice = lattice(fmt, field(fmt, field(fmt, s, path, "lattice"), path + ".lattice", "matrix"),
                path + ".lattice.matrix");
        JsonNode sites = field(fmt, s, path, "sites");
        if (!sites.isArray() || sites.isEmpty()) {
            throw new StructureException(fmt, 0, path + ".sites", "sites must be a non-empty array");
        }
        if (sites.size() > options.maxSites()) {
            throw new StructureException(fmt, 0, path + ".sites", sites.size() + " sites exceed the limit of "
                    + options.maxSites());
        }
        List<String> warnings = new ArrayList<>(0);
        List<Site> out = new ArrayList<>(sites.size());
        String[] siteLabel = new String[sites.size()];
        CoincidentAtoms coincident = new CoincidentAtoms(sites.size(), options,
                a -> "sites[" + a + "]" + (siteLabel[a].isEmpty() ? "" : " ('" + siteLabel[a] + "')"),
                (a, message) -> new StructureException(fmt, 0, path + ".sites[" + a + "].abc", message));
        double worst = 0;
        int worstSite = -1;
        for (int i = 0; i < sites.size(); i++) {
            String sp = path + ".sites[" + i + "]";
            JsonNode site = sites.get(i);
            JsonNode species = field(fmt, site, sp, "species");
            if (!species.isArray() || species.isEmpty()) {
                throw new StructureException(fmt, 0, sp + ".species", "species must be a non-empty array");
            }
            List<Species> list = new ArrayList<>(species.size());
            for (int k = 0; k < species.size(); k++) {
                String kp = sp + ".species[" + k + "]";
                JsonNode e = field(fmt, species.get(k), kp, "element");
                if (!e.isTextual()) {
                    throw new StructureException(fmt, 0, kp + ".element", "element must be a string, got " + e);
                }
                int z = ElementSymbols.exact(e.asText());
                if (z == 0) {
                    throw new StructureException(fmt, 0, kp + ".element", ElementSymbols.unknown(e.asText()));
                }
                double occu = number(fmt, field(fmt, species.get(k), kp, "occu"), kp + ".occu");
                list.add(wrap(fmt, kp, () -> new Species(z, occu)));
            }
            double[] abc = vector(fmt, field(fmt, site, sp, "abc"), sp + ".abc");
            String label = site.has("label") && site.get("label").isTextual() ? site.get("label").asText() : "";
            Site made = wrap(fmt, sp, () -> new Site(list, abc, label));
            siteLabel[i] = label;
            place(out, coincident, made, i, warnings);
            if (site.has("xyz") && !site.get("xyz").isNull()) {
                double[] xyz = vector(fmt, site.get("xyz"), sp + ".xyz");
                double[] expected = lattice.toCartesian(abc);
                double d = Math.sqrt(sq(xyz[0] - expected[0]) + sq(xyz[1] - expected[1]) + sq(xyz[2] - expected[2]));
                if (d > worst) {
                    worst = d;
                    worstSite = i;
                }
            }
        }
        if (worst > XYZ_TOLERANCE_ANGSTROM) {
            warnings.add(String.format(Locale.ROOT, "sites[].xyz disagrees with abc . lattice.matrix by up to %.3g A"
                    + " (site %d); abc used", worst, worstSite));
        }
        CellLimits.checkVolumePerAtom(lattice, occupancy(out), cellWhere(fmt, path + ".lattice.matrix"));
        Structure structure = wrap(fmt, path, () -> new Structure(lattice, out));
        return new ParsedStructure(source, path, Format.PYMATGEN_JSON, structure, warnings);
    }

    // ---- OPTIMADE ----

    private static ParsedStructure optimade(JsonNode node, String path, String source, ReadOptions options) {
        String fmt = Format.OPTIMADE_JSON.id();
        if (!node.isObject()) {
            throw new StructureException(fmt, 0, path, "a structure must be a JSON object");
        }
        String block = node.has("id") ? node.get("id").asText() : path;
        JsonNode a = node.has("attributes") ? node.get("attributes") : node;
        String ap = node.has("attributes") ? join(path, "attributes") : path;
        List<String> warnings = new ArrayList<>(0);
        JsonNode lv = field(fmt, a, ap, "lattice_vectors");
        if (lv.isArray()) {
            for (int i = 0; i < lv.size(); i++) {
                JsonNode row = lv.get(i);
                if (row.isNull() || (row.isArray() && row.size() > 0 && row.get(0).isNull())) {
                    throw new StructureException(fmt, 0, join(ap, "lattice_vectors") + "[" + i + "]",
                            "lattice vector " + i + " is null (non-periodic direction): a 3-D periodic cell is required");
                }
            }
        }
        Lattice lattice = lattice(fmt, lv, join(ap, "lattice_vectors"));
        if (a.has("dimension_types") && a.get("dimension_types").isArray()) {
            JsonNode d = a.get("dimension_types");
            boolean all = d.size() == 3;
            for (JsonNode x : d) {
                all &= x.asInt(-1) == 1;
            }
            if (!all) {
                warnings.add("dimension_types " + d + " ignored: the structure is read as periodic in 3-D");
            }
        }
        JsonNode pos = field(fmt, a, ap, "cartesian_site_positions");
        JsonNode names = field(fmt, a, ap, "species_at_sites");
        if (!pos.isArray() || !names.isArray() || pos.size() != names.size() || pos.isEmpty()) {
            throw new StructureException(fmt, 0, join(ap, "species_at_sites"), "cartesian_site_positions ("
                    + pos.size() + ") and species_at_sites (" + names.size() + ") must be non-empty arrays of equal length");
        }
        if (pos.size() > options.maxSites()) {
            throw new StructureException(fmt, 0, join(ap, "cartesian_site_positions"), pos.size()
                    + " sites exceed the limit of " + options.maxSites());
        }
        java.util.Map<String, List<Species>> kinds = new java.util.HashMap<>();
        if (a.has("species") && a.get("species").isArray()) {
            JsonNode species = a.get("species");
            for (int i = 0; i < species.size(); i++) {
                String sp = join(ap, "species") + "[" + i + "]";
                JsonNode k = species.get(i);
                String name = field(fmt, k, sp, "name").asText();
                JsonNode symbols = field(fmt, k, sp, "chemical_symbols");
                JsonNode conc = field(fmt, k, sp, "concentration");
                if (!symbols.isArray() || !conc.isArray() || symbols.size() != conc.size() || symbols.isEmpty()) {
                    throw new StructureException(fmt, 0, sp, "chemical_symbols and concentration must be non-empty"
                            + " arrays of equal length");
                }
                List<Species> list = new ArrayList<>();
                for (int j = 0; j < symbols.size(); j++) {
                    String sym = symbols.get(j).asText();
                    double c = number(fmt, conc.get(j), sp + ".concentration[" + j + "]");
                    if (sym.equals(VACANCY)) {
                        continue;
                    }
                    int z = ElementSymbols.exact(sym);
                    if (z == 0 || !symbols.get(j).isTextual()) {
                        throw new StructureException(fmt, 0, sp + ".chemical_symbols[" + j + "]", ElementSymbols.unknown(sym));
                    }
                    list.add(wrap(fmt, sp, () -> new Species(z, c)));
                }
                if (list.isEmpty()) {
                    throw new StructureException(fmt, 0, sp, "species '" + name + "' is only a vacancy");
                }
                if (kinds.put(name, list) != null) {
                    throw new StructureException(fmt, 0, sp, "species name '" + name + "' is defined twice");
                }
            }
        }
        List<Site> sites = new ArrayList<>(pos.size());
        String[] siteName = new String[pos.size()];
        CoincidentAtoms coincident = new CoincidentAtoms(pos.size(), options,
                k -> "cartesian_site_positions[" + k + "] ('" + CifReader.shorten(siteName[k]) + "')",
                (k, message) -> new StructureException(fmt, 0, join(ap, "cartesian_site_positions") + "[" + k + "]",
                        message));
        for (int i = 0; i < pos.size(); i++) {
            String np = join(ap, "species_at_sites") + "[" + i + "]";
            String name = names.get(i).asText();
            List<Species> sp = kinds.get(name);
            if (sp == null) {
                if (!kinds.isEmpty()) {
                    throw new StructureException(fmt, 0, np, "species_at_sites names '" + CifReader.shorten(name)
                            + "', which is not in species");
                }
                int z = ElementSymbols.exact(name);
                if (z == 0) {
                    throw new StructureException(fmt, 0, np, ElementSymbols.unknown(name));
                }
                sp = List.of(new Species(z, 1.0));
            }
            String pp = join(ap, "cartesian_site_positions") + "[" + i + "]";
            double[] x = vector(fmt, pos.get(i), pp);
            List<Species> fin = sp;
            double[] f = lattice.toFractional(x);
            Site made = wrap(fmt, np, () -> new Site(fin, f, name));
            siteName[i] = name;
            place(sites, coincident, made, i, warnings);
        }
        CellLimits.checkVolumePerAtom(lattice, occupancy(sites), cellWhere(fmt, join(ap, "lattice_vectors")));
        Structure structure = wrap(fmt, ap, () -> new Structure(lattice, sites));
        return new ParsedStructure(source, block, Format.OPTIMADE_JSON, structure, warnings);
    }

    // ---- helpers ----

    private static Lattice lattice(String fmt, JsonNode m, String path) {
        if (!m.isArray() || m.size() != 3) {
            throw new StructureException(fmt, 0, path, "lattice must be a 3x3 array");
        }
        double[][] rows = new double[3][];
        for (int i = 0; i < 3; i++) {
            rows[i] = vector(fmt, m.get(i), path + "[" + i + "]");
        }
        return CellLimits.check(wrap(fmt, path, () -> new Lattice(rows)), cellWhere(fmt, path));
    }

    /** Reports a violated cell limit at the lattice vector concerned, else at the lattice. */
    private static CellLimits.Where cellWhere(String fmt, String path) {
        return (part, message) -> new StructureException(fmt, 0, part >= 0 && part < 3 ? path + "[" + part + "]" : path,
                message);
    }

    /** Adds site {@code index}, merging it into an earlier one at the same position ({@link CoincidentAtoms}). */
    private static void place(List<Site> sites, CoincidentAtoms coincident, Site site, int index,
            List<String> warnings) {
        int before = coincident.size();
        int at = coincident.place(FractionalGrid.wrap(site.frac(0)), FractionalGrid.wrap(site.frac(1)),
                FractionalGrid.wrap(site.frac(2)), site.species(), index, warnings);
        if (at == before) {
            sites.add(site);
        } else {
            Site kept = sites.get(at);
            sites.set(at, new Site(coincident.species(at), kept.frac(), kept.label()));
        }
    }

    private static double occupancy(List<Site> sites) {
        double sum = 0;
        for (Site s : sites) {
            sum += s.totalOccupancy();
        }
        return sum;
    }

    private static double[] vector(String fmt, JsonNode v, String path) {
        if (!v.isArray() || v.size() != 3) {
            throw new StructureException(fmt, 0, path, "expected 3 numbers, got " + CifReader.shorten(v.toString()));
        }
        return new double[] {number(fmt, v.get(0), path + "[0]"), number(fmt, v.get(1), path + "[1]"),
            number(fmt, v.get(2), path + "[2]")};
    }

    private static double number(String fmt, JsonNode v, String path) {
        if (v == null || !v.isNumber()) {
            throw new StructureException(fmt, 0, path, "expected a number, got "
                    + (v == null ? "nothing" : CifReader.shorten(v.toString())));
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw new StructureException(fmt, 0, path, "number " + v + " is not finite");
        }
        return d;
    }

    private static JsonNode field(String fmt, JsonNode n, String path, String name) {
        JsonNode v = n == null || !n.isObject() ? null : n.get(name);
        if (v == null || v.isNull()) {
            throw new StructureException(fmt, 0, join(path, name), "missing " + join(path, name));
        }
        return v;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static double sq(double x) {
        return x * x;
    }

    private static <T> T wrap(String fmt, String path, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (StructureException e) {
            throw new StructureException(fmt, 0, path.isEmpty() ? null : path, e.getMessage());
        }
    }
}
