#!/usr/bin/env python3
"""Split the flat package hub.gateway.domain into packages by concept (issue 11, item 5, first half).

Re-runnable on any tree that still has the flat package (or part of it): run it from anywhere inside the
work tree, then build. It
  1. git-mvs each domain type (main and test) into its concept package and rewrites its package line;
  2. rewrites every `hub.gateway.domain.X` (imports, static imports, fully-qualified uses, javadoc, strings
     such as the architecture anchor class, surefire report names in scripts) and every source path
     `hub/gateway/domain/X` in all tracked text files;
  3. adds the imports a file needs for types that were its package-mates and now live elsewhere;
  4. applies the named visibility edits below (each fails loudly when its old text is gone);
  5. moves the default risk policy (if still in the flat domain) next to RiskPolicy and fixes the paths
     that name it (the policy file now lives in application: see policy_file_sentence);
  6. rewrites the domain module-info's exports (every package but hub.gateway.domain.text);
  7. writes architecture-tests' DomainPackagesTest and the "Domain packages" section of docs/design.md.
A .java file left in hub/gateway/domain that the table does not know is reported and makes the script exit
non-zero (exit 3) unless --allow-unknown; such a file stays in hub.gateway.domain and still gets the
imports it needs. Nothing is changed when a visibility edit cannot be applied (exit 2).
Stdlib only. Idempotent: on an already-split tree it does nothing.
"""
import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

BASE = "hub.gateway.domain"
BASE_PATH = "hub/gateway/domain"
DOMAIN_MAIN = "domain/src/main/java/" + BASE_PATH
DOMAIN_TEST = "domain/src/test/java/" + BASE_PATH
DOMAIN_RES = "domain/src/main/resources/" + BASE_PATH

# The one table: package (under hub.gateway.domain) -> (exported?, what it is about, its types).
# Types marked "if present" may not exist yet (or any more); absent names are simply skipped.
PACKAGES = {
    "account": (True, "who calls: accounts, API keys and their secrets, instances and their transport account",
                ["Account", "AccountId", "ApiKey", "ApiKeyHash", "ApiKeySecret", "Instance", "InstanceId",
                 "InstanceStatus", "TransportAccount"]),
    "quota": (True, "how much an instance may send: plans, limits, overrides, usage and its windows",
              ["Plan", "Limits", "LimitOverrides", "Usage", "UsageWindows"]),
    "message": (True, "what is sent: purpose, text, phone number, the log record, delivery status, field errors",
                ["MessagePurpose", "MessageText", "PhoneNumber", "MessageRecord", "DeliveryStatus",
                 "FieldError"]),
    # The decision on one send sits above quota, message, risk and account and uses them all; keeping it
    # apart is what keeps the packages free of cycles (Instance -> Plan, ContentFingerprint -> InstanceId,
    # Refusal -> RiskSignal, QuotaOutcome -> Refusal would close a loop if the outcome lived in quota).
    "send": (True, "the decision on one send: the gate's outcome and reservation, refusals and their codes",
             ["QuotaOutcome", "Refusal", "RefusalReason",
              # if present (the send gate, issue 11 items 1 and 4):
              "ErrorCode", "GateOutcome", "SendReservation", "SendGateOutcome", "Exhausted"]),
    "suppression": (True, "who must not be messaged: suppressions, their reasons, opt-out keywords",
                    ["Suppression", "SuppressionReason", "SuppressedBy", "OptOutKeywords", "InboundIntent"]),
    "risk": (True, "whether content is acceptable: the policy and its named rules, signals, assessment, fingerprints",
             ["RiskPolicy", "RiskAssessment", "RiskAction", "RiskSignal", "BehaviourFacts",
              "ContentFingerprint", "ContentSignal", "LinkRules", "FoldedText",
              # the named rules (issue 11 item 5, second half), if present:
              "DuplicateContentRule", "FailedDeliveriesRule", "OptOutsRule", "RepeatedViolationsRule"]),
    "webhook": (True, "what clients are told: client events and the retry schedule",
                ["ClientEvent", "RetrySchedule"]),
    "text": (False, "the text-matching engine behind risk and opt-out",
             ["TextNormaliser", "TextPattern", "PatternShape", "PhraseList", "PhraseStarts", "WordForms"]),
}
# Shared kernel that stays in hub.gateway.domain itself (exported): hashing, used by account, risk and
# the HTTP edge alike, belongs to no single concept.
KEEP_IN_ROOT = ["Sha256"]
# Tests whose name does not say which type they test (XTest goes next to X).
TEST_HOMES = {"RiskCorpusTest": "risk", "RiskParityTest": "risk"}
# Resources under domain/src/main/resources/hub/gateway/domain -> package they move to (loaded relative
# to the class, so they move with it).
RESOURCES = {"default-risk-policy.properties": "risk"}

# Named visibility edits: (type, old text, new text). Applied after the move; a missing old text (and no
# new text either) stops the script before it changes anything.
VISIBILITY = [
    # risk's engine uses the text package's word forms and phrase-start index
    ("WordForms", "\nrecord WordForms(", "\npublic record WordForms("),
    ("WordForms", "    static List<WordForms> ofAll(", "    public static List<WordForms> ofAll("),
    ("PhraseStarts", "\nfinal class PhraseStarts {", "\npublic final class PhraseStarts {"),
    ("PhraseStarts", "    PhraseStarts(List<PhraseList> lists) {", "    public PhraseStarts(List<PhraseList> lists) {"),
    ("PhraseStarts", "    boolean anyMayStart(", "    public boolean anyMayStart("),
    ("PhraseList", "    List<Phrase> findInForms(", "    public List<Phrase> findInForms("),
    ("TextNormaliser", "    static boolean isAscii(", "    public static boolean isAscii("),
]

SELF = Path(__file__).resolve()


def sh(*args, cwd):
    return subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True).stdout


def type_package():
    table = {}
    for pkg, (_, _, types) in PACKAGES.items():
        for t in types:
            if t in table:
                sys.exit(f"table error: {t} is in two packages")
            table[t] = f"{BASE}.{pkg}"
    for t in KEEP_IN_ROOT:
        table[t] = BASE
    return table


# ---------------------------------------------------------------- java text helpers
def code_and_doc_names(src):
    """Capitalised identifiers used in code (comments and literals removed) plus those javadoc links to."""
    code, doc = [], []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            doc.append(src[i:j]); i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            doc.append(src[i:j]); i = j
        elif src.startswith('"""', i):
            j = src.find('"""', i + 3)
            i = n if j < 0 else j + 3
            code.append(' "" ')
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            i = j + 1
            code.append(' "" ')
        else:
            j = i
            while j < n and src[j] not in "/\"'":
                j += 1
            if j == i:
                j = i + 1
            code.append(src[i:j]); i = j
    code = "".join(code)
    names = set(re.findall(r"(?<![\w.$])([A-Z][A-Za-z0-9_]*)\b", code))
    for d in doc:
        names |= set(re.findall(r"(?:@link|@linkplain|@see|@throws|@exception|@value)\s+([A-Z][A-Za-z0-9_]*)", d))
    declared = set(re.findall(r"\b(?:class|record|interface|enum)\s+([A-Z][A-Za-z0-9_]*)", code))
    return names - declared


PACKAGE_LINE = re.compile(r"^package\s+([\w.]+)\s*;", re.M)


def add_imports(src, imports):
    if not imports:
        return src
    lines = "".join(f"import {i};\n" for i in sorted(imports))
    existing = list(re.finditer(r"^import\s+(static\s+)?[\w.*]+\s*;[ \t]*\n", src, re.M))
    own = [m for m in existing if not m.group(1) and m.group(0).startswith("import hub.gateway.")]
    if own:
        at = own[-1].end()
        return src[:at] + lines + src[at:]
    if existing:
        at = existing[0].start()
        return src[:at] + lines + "\n" + src[at:]
    m = PACKAGE_LINE.search(src)
    at = src.index("\n", m.end()) + 1
    return src[:at] + "\n" + lines + src[at:]


def sort_gateway_imports(src):
    """Keeps each run of consecutive `import hub.gateway.domain...;` lines sorted (and free of duplicates)."""
    return re.sub(r"(?:^import hub\.gateway\.domain\.[\w.*]+;[ \t]*\n)+",
                  lambda m: "".join(sorted(set(m.group(0).splitlines(keepends=True)))), src, flags=re.M)


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--allow-unknown", action="store_true",
                    help="leave unknown types in hub.gateway.domain instead of failing")
    ap.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    args = ap.parse_args()
    started = time.monotonic()
    root = Path(sh("git", "rev-parse", "--show-toplevel", cwd=SELF.parent).strip())
    table = type_package()

    # ---- plan: where every file of the flat package goes
    moves = {}      # old relative path -> new relative path
    new_pkg = {}    # old relative path -> new package (for files that were in hub.gateway.domain)
    fqn = {}        # simple name -> new package, for every type that was in hub.gateway.domain
    unknown = []
    main_dir, test_dir = root / DOMAIN_MAIN, root / DOMAIN_TEST
    for f in sorted(main_dir.glob("*.java")) if main_dir.is_dir() else []:
        name = f.stem
        rel = str(f.relative_to(root))
        pkg = table.get(name)
        if pkg is None:
            unknown.append(rel); pkg = BASE
        new_pkg[rel] = pkg
        fqn[name] = pkg
        if pkg != BASE:
            moves[rel] = f"domain/src/main/java/{pkg.replace('.', '/')}/{name}.java"
    for f in sorted(test_dir.glob("*.java")) if test_dir.is_dir() else []:
        name = f.stem
        rel = str(f.relative_to(root))
        tested = re.sub(r"(Tests?|IT)$", "", name)
        if name in TEST_HOMES:
            pkg = f"{BASE}.{TEST_HOMES[name]}"
        elif tested in fqn:
            pkg = fqn[tested]
        elif tested in table:   # tests a type already moved by an earlier run
            pkg = table[tested]
        else:
            unknown.append(rel); pkg = BASE
        new_pkg[rel] = pkg
        fqn.setdefault(name, pkg)
        if pkg != BASE:
            moves[rel] = f"domain/src/test/java/{pkg.replace('.', '/')}/{name}.java"
    # types already moved by an earlier (partial) run still need their references rewritten
    for name, pkg in table.items():
        fqn.setdefault(name, pkg)
    res_moves = {}
    res_dir = root / DOMAIN_RES
    for f in sorted(res_dir.iterdir()) if res_dir.is_dir() else []:
        if f.is_file():
            rel = str(f.relative_to(root))
            if f.name in RESOURCES:
                res_moves[rel] = f"domain/src/main/resources/{BASE_PATH}/{RESOURCES[f.name]}/{f.name}"
            else:
                unknown.append(rel)

    untracked = [f for f in sh("git", "ls-files", "--others", "--exclude-standard", cwd=root).splitlines()
                 if f.endswith(".java") or f.endswith(".md")]
    if untracked:
        print("WARNING: untracked files are not rewritten (git add them first):", file=sys.stderr)
        for u in untracked:
            print("  " + u, file=sys.stderr)
    print(f"{len(moves)} domain files move, {len(res_moves)} resources move")
    for old, new in sorted(moves.items()):
        print(f"  {old} -> {new}")
    if unknown:
        print("NOT IN THE TABLE (left in hub.gateway.domain):", file=sys.stderr)
        for u in unknown:
            print("  " + u, file=sys.stderr)
    if args.dry_run:
        return 3 if unknown and not args.allow_unknown else 0
    if unknown and not args.allow_unknown:
        print("add them to PACKAGES / TEST_HOMES / RESOURCES in " + str(SELF.relative_to(root))
              + " or rerun with --allow-unknown", file=sys.stderr)
        return 3

    # ---- validate the named edits before touching anything
    def current_path(type_name, after_move=False):
        for old, new in moves.items():
            if Path(old).stem == type_name and old.startswith("domain/src/main"):
                return root / (new if after_move else old)
        pkg = table.get(type_name, BASE)
        return root / "domain/src/main/java" / pkg.replace(".", "/") / f"{type_name}.java"

    failed = []
    for type_name, old, new in VISIBILITY:
        p = current_path(type_name)
        text = p.read_text() if p.exists() else ""
        if text.count(old) != 1 and new not in text:
            failed.append(f"{type_name}: {'not found' if old not in text else 'ambiguous'}: {old!r}")
    if failed:
        print("visibility edits that no longer apply (nothing was changed):", file=sys.stderr)
        for f in failed:
            print("  " + f, file=sys.stderr)
        return 2

    # ---- 1. move
    for old, new in {**moves, **res_moves}.items():
        (root / new).parent.mkdir(parents=True, exist_ok=True)
        sh("git", "mv", old, new, cwd=root)
    for d in (main_dir, test_dir, res_dir):
        if d.is_dir() and not any(d.iterdir()):
            d.rmdir()

    # ---- 2. rewrite references in every tracked text file
    moved_names = {n: p for n, p in fqn.items() if p != BASE}
    dotted = re.compile(r"\bhub\.gateway\.domain\.([A-Z][A-Za-z0-9_]*)")
    slashed = re.compile(r"\bhub/gateway/domain/([A-Z][A-Za-z0-9_]*)")
    wildcard = re.compile(r"^import\s+hub\.gateway\.domain\.\*\s*;[ \t]*\n", re.M)
    exported = [f"{BASE}.{p}" for p, (e, _, _) in PACKAGES.items() if e]
    res_dirs = re.compile(r"(src/main/resources/hub/gateway/domain/)(?=(%s)\b)" %
                          "|".join(re.escape(r) for r in RESOURCES))
    res_bare_dir = re.compile(r"(src/main/resources/hub/gateway/domain/)(?![\w.-])")
    changed = 0
    for rel in sh("git", "ls-files", cwd=root).splitlines():
        p = root / rel
        if p.resolve() == SELF or not p.is_file():
            continue
        try:
            text = p.read_text()
        except (UnicodeDecodeError, OSError):
            continue
        out = dotted.sub(lambda m: f"{moved_names[m.group(1)]}.{m.group(1)}" if m.group(1) in moved_names
                         else m.group(0), text)
        out = slashed.sub(lambda m: f"{moved_names[m.group(1)].replace('.', '/')}/{m.group(1)}"
                          if m.group(1) in moved_names else m.group(0), out)
        if rel.endswith(".java") and out != text:
            out = sort_gateway_imports(out)
        if rel.endswith(".java"):
            out = wildcard.sub("".join(f"import {e}.*;\n" for e in exported) + f"import {BASE}.*;\n", out)
        if len(set(RESOURCES.values())) == 1:
            target = next(iter(RESOURCES.values()))
            out = res_bare_dir.sub(lambda m: m.group(1) + target + "/", out)
        out = res_dirs.sub(lambda m: m.group(1) + RESOURCES[m.group(2)] + "/", out)
        if out != text:
            p.write_text(out); changed += 1

    # ---- 3. package lines and imports of the former package-mates
    for old_rel, pkg in new_pkg.items():
        p = root / moves.get(old_rel, old_rel)
        src = p.read_text()
        src = PACKAGE_LINE.sub(f"package {pkg};", src, count=1)
        is_test = "/src/test/" in old_rel
        needed = set()
        for name in code_and_doc_names(src):
            target = fqn.get(name)
            if target is None or target == pkg or name == p.stem:
                continue
            if not is_test and (root / DOMAIN_TEST.replace(BASE_PATH, target.replace(".", "/")) / f"{name}.java").exists() \
                    and not (root / DOMAIN_MAIN.replace(BASE_PATH, target.replace(".", "/")) / f"{name}.java").exists():
                continue   # main code never sees a test type
            needed.add(f"{target}.{name}")
        needed -= set(re.findall(r"^import\s+([\w.]+)\s*;", src, re.M))
        p.write_text(sort_gateway_imports(add_imports(src, needed)))

    # ---- 4. named visibility edits
    for type_name, old, new in VISIBILITY:
        p = current_path(type_name, after_move=True)
        text = p.read_text()
        if old in text:
            p.write_text(text.replace(old, new, 1))

    # ---- 5. module-info: export every package but the text engine
    mi = root / "domain/src/main/java/module-info.java"
    text = mi.read_text()
    pkgs_present = sorted({pkg for pkg in fqn.values()
                           if (root / "domain/src/main/java" / pkg.replace(".", "/")).is_dir()
                           and any((root / "domain/src/main/java" / pkg.replace(".", "/")).glob("*.java"))})
    hidden = {f"{BASE}.{p}" for p, (e, _, _) in PACKAGES.items() if not e}
    exports = "".join(f"    exports {p};\n" for p in pkgs_present if p not in hidden)
    text = re.sub(r"(^[ \t]*exports\s+hub\.gateway\.domain[\w.]*\s*;[ \t]*\n)+", "", text, flags=re.M)
    text = re.sub(r"(module\s+hub\.gateway\.domain\s*\{[ \t]*\n)", lambda m: m.group(1) + exports, text, count=1)
    text = text.replace("/** The gateway's business rules, in pure Java: nothing but java.base. */",
                        "/**\n * The gateway's business rules, in pure Java: nothing but java.base. One package per business\n"
                        " * concept; the text-matching engine ({@code hub.gateway.domain.text}) is not exported.\n */")
    mi.write_text(text)

    # ---- 6. architecture test and design note
    arch = root / "architecture-tests/src/test/java/hub/gateway/architecture/DomainPackagesTest.java"
    arch.parent.mkdir(parents=True, exist_ok=True)
    arch.write_text(ARCH_TEST)
    sh("git", "add", str(arch.relative_to(root)), cwd=root)
    design = root / "docs/design.md"
    if design.exists():
        text = design.read_text()
        section = design_section(root)
        if "\n## Domain packages\n" in text:
            text = re.sub(r"\n## Domain packages\n.*?(?=\n## |\Z)", "\n" + section.rstrip("\n") + "\n", text,
                          count=1, flags=re.S)
        elif "\n## The send path\n" in text:
            text = text.replace("\n## The send path\n", "\n" + section + "\n## The send path\n", 1)
        else:
            text = text.rstrip("\n") + "\n\n" + section
        design.write_text(text)

    print(f"rewrote references in {changed} files; {len(VISIBILITY)} visibility edits; "
          f"done in {time.monotonic() - started:.1f} s")
    return 0


def design_section(root):
    rows = []
    for pkg, (exported, about, types) in PACKAGES.items():
        present = [t for t in types
                   if (root / "domain/src/main/java" / BASE_PATH / pkg / f"{t}.java").exists()]
        rows.append(f"- `domain.{pkg}`{'' if exported else ' (not exported)'} — {about}: "
                    + ", ".join(f"`{t}`" for t in present) + ".")
    return ("## Domain packages\n\n"
            "`domain` is split by business concept, one package each; `hub.gateway.domain` itself keeps only the\n"
            "shared kernel (`Sha256`). The text-matching engine is internal: `module-info` does not export it and\n"
            "`DomainPackagesTest` fails when any class outside the domain uses it.\n\n"
            + "\n".join(rows) + "\n\n"
            "The split was made by `scripts/dev/move-domain-packages.py` (its table is the authority on which type\n"
            "lives where). " + policy_file_sentence(root) + "\n")


def policy_file_sentence(root):
    parsed_outside = "application/src/main/resources/hub/gateway/application/policy/default-risk-policy.properties"
    if (root / parsed_outside).exists():
        return ("`RiskPolicy` is the composition of named rules, each a value with its own `assess`; the policy\n"
                "file is read outside the domain, by the application's `RiskPolicyFile`, which ships\n"
                "`" + parsed_outside + "`.")
    return ("The default risk policy moved with `RiskPolicy`:\n"
            "`domain/src/main/resources/hub/gateway/domain/risk/default-risk-policy.properties`.")


ARCH_TEST = '''package hub.gateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The domain reads by concept; its text-matching engine stays inside it; it reads no files. */
class DomainPackagesTest {
    private static final String TEXT = "hub.gateway.domain.text";
    private static JavaClasses gateway;

    @BeforeAll
    static void importTheRealModules() {
        gateway = GatewayModules.importAll();
        assertTrue(gateway.containPackage(TEXT), "no " + TEXT + " imported: the rule would see nothing");
    }

    @Test
    void nothingOutsideTheDomainUsesTheTextEngine() {
        noClasses().that().resideOutsideOfPackage("hub.gateway.domain..")
                .should().dependOnClassesThat().resideInAPackage(TEXT + "..")
                .check(gateway);
    }

    @Test
    void domainPackagesAreFreeOfCycles() {
        slices().matching("hub.gateway.domain.(*)..").should().beFreeOfCycles().check(gateway);
    }

    /** The rules are values; reading them from a file (the policy file) is the application's business. */
    @Test
    void theDomainReadsNoFilesAndShipsNone() throws IOException {
        noClasses().that().resideInAPackage("hub.gateway.domain..")
                .should().dependOnClassesThat().belongToAnyOf(Properties.class, Reader.class, InputStream.class, Files.class)
                .orShould().callMethod(Class.class, "getResourceAsStream", String.class)
                .orShould().callMethod(Class.class, "getResource", String.class)
                .check(gateway);
        ModuleReference domain = ModuleFinder.of(GatewayModules.DOMAIN.location()).findAll().iterator().next();
        try (ModuleReader reader = domain.open(); Stream<String> entries = reader.list()) {
            List<String> all = entries.toList();
            assertTrue(all.contains("hub/gateway/domain/risk/RiskPolicy.class"), "the domain's classes are listed");
            assertEquals(List.of(), all.stream().filter(e -> !e.endsWith("/") && !e.endsWith(".class"))
                    .filter(e -> !e.startsWith("META-INF/")).toList(), "resources in the domain module");
        }
    }

    @Test
    void domainExportsEveryPackageButTheTextEngine() {
        ModuleDescriptor domain = ModuleFinder.of(GatewayModules.DOMAIN.location()).findAll().iterator().next().descriptor();
        Set<String> exported = domain.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertTrue(domain.packages().contains(TEXT), domain.packages().toString());
        assertFalse(exported.contains(TEXT), "the text engine is exported");
        Set<String> expected = domain.packages().stream().filter(p -> !p.equals(TEXT)).collect(Collectors.toSet());
        assertEquals(expected, exported);
        assertTrue(domain.exports().stream().allMatch(e -> e.targets().isEmpty()), "no qualified exports");
    }
}
'''

if __name__ == "__main__":
    sys.exit(main())
