// rampart-bench: Rampart's solver-performance figures (docs/BENCHMARKS.md).
//
//   rampart-bench --quick                      < 1 minute; ends with the one summary line
//   rampart-bench [--per-corpus N] [--scan-sizes 1000,10000] [--json out.json]
//   rampart-bench --quick --check Benchmarks/baselines/quick-z3-4.8.12.0.json   exit 1 on a regression
//   rampart-bench compare A.json B.json        side by side, as ratios B/A
import Analysis
import BenchSupport
import Environment
import Findings
import Foundation
import Z3

struct Options {
    var quick = false
    var perCorpus: Int?
    var scanSizes: [Int] = [1_000]
    var latencyJobs = 1
    var scanJobs = 2
    var timeoutMilliseconds: UInt32 = 10_000
    var corpusRoot: String?
    var jsonPath: String?
    var checkPath: String?
    var timeThreshold: Double?
    var seed = BenchmarkSeed.default
    var compare: [String] = []
    var verbose = false
    /// With `--verbose`: a folder to write the slowest scan analyses' policy documents to.
    var dumpSlow: String?
    /// Scans without canonical forms (`ScanOptions.canonicalForms`), to measure what they save.
    var noCanonical = false
    /// Fast paths to switch off, to measure what each saves: candidates, fresh.
    var without: Set<String> = []
    /// Options off by default to switch on: combinations.
    var with: Set<String> = []
    /// `ZoneScreen` before the solver (the product's default), or the solver alone.
    var screen = true
    /// Measure the latency cases with both engines in this run and print them side by side.
    var bothEngines = false
    /// `--check-solver-free`: analyse every latency case again with the solver-free findings off
    /// and report every result that differs (status, findings with witnesses, explanation).
    var checkSolverFree = false
    /// Only the latency cases whose id contains this text (to study one case).
    var only: String?
    /// Measure each latency case this many times (warm timings of one case, with `--only`).
    var repeats = 1
    /// `AnalysisOptions.firstTryBudget` (Z3 rlimit of the first try, on a simple solver; 0 = none).
    var firstTryBudget = AnalysisOptions().firstTryBudget
    /// `AnalysisOptions.firstSolver`.
    var firstSolver = AnalysisOptions().firstSolver
    /// `--export-smt DIR`: write every solver question of the sampled cases as SMT-LIB2, then stop.
    var exportSMT: String?
    /// `--export-rlimit N`: bound every exported call by Z3's deterministic resource count too, so
    /// two exports agree on every status (`SolverQuestionRecorder.resourceLimit`).
    var exportResourceLimit: UInt32?
    /// `--cases-out FILE.jsonl`: one line per latency case (its document, Rampart's answer and
    /// time), which `Benchmarks/peers/policyuniverse_compare.py` runs the peer over.
    var casesOut: String?
    /// `--solve-smt FILE...`: check SMT-LIB2 files with the linked libz3, one JSON line each.
    var solveSMT: [String] = []
    /// `--z3-creation N`: time context and solver creation N times per thread.
    var creationCount: Int?
}

extension Options {
    var engineName: String {
        screen ? "screen+solver" + (without.isEmpty ? "" : " without \(without.sorted().joined(separator: ","))")
            + (with.isEmpty ? "" : " with \(with.sorted().joined(separator: ","))") : "solver"
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("rampart-bench: \(message)\n".utf8))
    exit(2)
}

func number<T: LosslessStringConvertible>(_ text: String, _ name: String) -> T {
    guard let value = T(text) else { fail("\(name) takes a number, not \(text)") }
    return value
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = Array(CommandLine.arguments.dropFirst())
    func value(_ name: String) -> String {
        guard !arguments.isEmpty else { fail("\(name) needs a value") }
        return arguments.removeFirst()
    }
    if arguments.first == "compare" {
        guard arguments.count == 3 else { fail("usage: rampart-bench compare A.json B.json") }
        options.compare = Array(arguments.dropFirst())
        return options
    }
    var sawScanSizes = false, sawPerCorpus = false, sawLatencyJobs = false, sawTimeout = false
    while !arguments.isEmpty {
        let argument = arguments.removeFirst()
        switch argument {
        case "--quick": options.quick = true
        case "--export-smt": options.exportSMT = value(argument)
        case "--cases-out": options.casesOut = value(argument)
        case "--export-rlimit": options.exportResourceLimit = number(value(argument), argument) as UInt32
        case "--solve-smt":
            options.solveSMT = arguments
            arguments = []
            guard !options.solveSMT.isEmpty else { fail("--solve-smt needs SMT-LIB2 files") }
        case "--z3-creation": options.creationCount = number(value(argument), argument)
        case "--only": options.only = value(argument)
        case "--first-try-budget": options.firstTryBudget = number(value(argument), argument)
        case "--first-solver":
            switch value(argument) {
            case "simple": options.firstSolver = .simple
            case "preprocessed": options.firstSolver = .preprocessed
            case let other: fail("--first-solver takes simple or preprocessed, not \(other)")
            }
        case "--repeat": options.repeats = max(1, number(value(argument), argument))
        case "--per-corpus":
            sawPerCorpus = true
            let text = value(argument)
            options.perCorpus = text == "all" ? nil : number(text, argument) as Int
        case "--scan-sizes":
            sawScanSizes = true
            options.scanSizes = value(argument).split(separator: ",").map { number(String($0), "--scan-sizes") as Int }.filter { $0 > 0 }
        case "--latency-jobs": sawLatencyJobs = true; options.latencyJobs = number(value(argument), argument)
        case "--jobs": options.scanJobs = number(value(argument), argument)
        case "--timeout-ms": sawTimeout = true; options.timeoutMilliseconds = number(value(argument), argument)
        case "--corpus": options.corpusRoot = value(argument)
        case "--json": options.jsonPath = value(argument)
        case "--check": options.checkPath = value(argument)
        case "--time-threshold": options.timeThreshold = number(value(argument), argument) as Double
        case "--seed": options.seed = number(value(argument), argument)
        case "--verbose", "-v": options.verbose = true
        case "--dump-slow": options.dumpSlow = value(argument); options.verbose = true
        case "--no-canonical": options.noCanonical = true
        case "--with":
            guard value(argument) == "combinations" else { fail("--with takes combinations") }
            options.with.insert("combinations")
        case "--without":
            for name in value(argument).split(separator: ",").map(String.init) {
                guard ["candidates", "fresh", "relaxed", "solverfree"].contains(name) else {
                    fail("--without takes candidates, fresh, relaxed or solverfree (comma-separated), not \(name)")
                }
                options.without.insert(name)
            }
        case "--engine":
            switch value(argument) {
            case "screen+solver", "screen": options.screen = true
            case "solver", "faithful": options.screen = false
            case let other: fail("--engine takes screen+solver or solver, not \(other)")
            }
        case "--check-solver-free": options.checkSolverFree = true
        case "--engines":
            guard value(argument) == "both" else { fail("--engines takes both") }
            options.bothEngines = true
        case "--version": print("rampart-bench (engines screen+solver and solver, Z3 \(Z3Version.current))"); exit(0)
        case "--help", "-h":
            print("""
            usage: rampart-bench [--quick] [--per-corpus N|all] [--scan-sizes 1000,10000] [--latency-jobs N] [--jobs N]
                                 [--timeout-ms MS] [--corpus DIR] [--json OUT.json] [--check BASELINE.json [--time-threshold 1.0]]
                                 [--seed N] [--verbose] [--dump-slow DIR] [--no-canonical] [--without candidates,fresh,relaxed,solverfree] [--check-solver-free] [--with combinations] [--engine screen+solver|solver] [--engines both]
                                 [--only TEXT] [--repeat N] [--first-try-budget RLIMIT] [--first-solver simple|preprocessed] [--cases-out FILE.jsonl]
                   rampart-bench --export-smt DIR [--export-rlimit N] [--per-corpus N|all] [--corpus DIR] [--timeout-ms MS] [--latency-jobs N]
                   rampart-bench [--timeout-ms MS] --solve-smt FILE.smt2...
                   rampart-bench --z3-creation N [--jobs N]
                   rampart-bench compare A.json B.json
            See docs/BENCHMARKS.md.
            """)
            exit(0)
        default: fail("unknown argument \(argument) (see --help)")
        }
    }
    if options.quick {
        // Sized to finish in under a minute on 2 shared cores (docs/BENCHMARKS.md).
        if !sawPerCorpus { options.perCorpus = 10 }
        if !sawScanSizes { options.scanSizes = [200] }
        if !sawLatencyJobs { options.latencyJobs = 2 }
        if !sawTimeout { options.timeoutMilliseconds = 1_000 }
    } else if !sawPerCorpus {
        options.perCorpus = nil
    }
    return options
}

func corpusFolder(_ given: String?) -> String {
    if let given { return given }
    if let found = Corpus.defaultRoot() { return found }
    fail("corpus not found: pass --corpus DIR (the shared/corpus folder, see its SOURCES.md) or set RAMPART_CORPUS")
}

func readReport(_ path: String) -> BenchReport {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    do { return try JSONDecoder().decode(BenchReport.self, from: data) } catch { fail("\(path): \(error)") }
}

func format(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : value >= 10 ? String(format: "%.1f", value) : String(format: "%.2f", value)
}

/// Runs on a thread with an 8 MiB stack (Z3 recurses deeply), like the scanner's workers.
func onBigStack(_ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread { body(); done.signal() }
    thread.stackSize = 64 << 20
    thread.start()
    done.wait()
}

let options = parseOptions()

if options.compare.count == 2 {
    let a = readReport(options.compare[0]), b = readReport(options.compare[1])
    print("side by side: A = \(a.engine) encoding, Z3 \(a.z3) (\(options.compare[0]))")
    print("              B = \(b.engine) encoding, Z3 \(b.z3) (\(options.compare[1]))")
    print("metric".padding(toLength: 50, withPad: " ", startingAt: 0) + "         A          B    B/A")
    for row in RegressionCheck.ratios(a, b) {
        let ratio = row.a == 0 ? (row.b == 0 ? "1.00" : "inf") : String(format: "%.2f", row.b / row.a)
        print(row.metric.padding(toLength: 50, withPad: " ", startingAt: 0)
              + format(row.a).leftPadded(10) + " " + format(row.b).leftPadded(10) + " " + ratio.leftPadded(6))
    }
    exit(0)
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

if !options.solveSMT.isEmpty {
    let files = options.solveSMT, timeout = options.timeoutMilliseconds
    onBigStack { solveSMT(files, timeoutMilliseconds: timeout) }
    exit(0)
}
if let count = options.creationCount {
    measureCreation(count: count, jobs: options.scanJobs)
    exit(0)
}

let wallStart = Date()
let root = corpusFolder(options.corpusRoot)
let corpus: Corpus
do { corpus = try Corpus.load(root: root, seed: options.seed) } catch { fail("cannot read the corpus at \(root): \(error)") }
let sampled = sample(corpus.cases, perCorpus: options.perCorpus, seed: options.seed)
    .filter { case_ in options.only.map { case_.id.contains($0) } ?? true }
let chosen = Array(repeating: sampled, count: options.repeats).flatMap { $0 }
var benchOptions = AnalysisOptions(timeoutMilliseconds: options.timeoutMilliseconds, screen: options.screen,
                                      witnessCandidates: options.screen && !options.without.contains("candidates"),
                                      actionCombinations: options.screen && options.with.contains("combinations"),
                                      freshSearches: options.screen && !options.without.contains("fresh"),
                                      relaxedAlphabets: options.screen && !options.without.contains("relaxed"),
                                      firstTryBudget: options.firstTryBudget, firstSolver: options.firstSolver)
benchOptions.solverFreeFindings = options.screen && !options.without.contains("solverfree")
let analysisOptions = benchOptions
if let folder = options.exportSMT {
    let jobs = options.latencyJobs
    let limit = options.exportResourceLimit
    onBigStack { exportSMT(chosen, to: folder, options: analysisOptions, jobs: jobs, resourceLimit: limit) }
    print(String(format: "wall time %.1f s", Date().timeIntervalSince(wallStart)))
    exit(0)
}
let skipped = corpus.skips.errorDocuments.values.reduce(0, +)
print("rampart-bench: engine \(options.engineName), Z3 \(Z3Version.current), seed \(options.seed), corpus \(root)")
print("corpus: \(corpus.cases.count) analysable cases; skipped \(skipped) ERROR documents, "
      + "\(corpus.skips.unsupportedKinds.values.reduce(0, +)) of kinds with no resource type, "
      + "\(corpus.skips.noResourcePolicyService.values.reduce(0, +)) identity/managed policies with no resource-policy service")
print("latency: \(chosen.count) cases (\(options.perCorpus.map { "\($0) per corpus, seeded sample" } ?? "all")), "
      + "\(options.latencyJobs) thread(s), solver timeout \(options.timeoutMilliseconds) ms")

nonisolated(unsafe) var measurements: [CaseMeasurement] = []
let verbose = options.verbose
onBigStack {
    measurements = CaseRunner.run(chosen, jobs: options.latencyJobs, options: analysisOptions) { done, total in
        if verbose && done % 10 == 0 { FileHandle.standardError.write(Data("  \(done)/\(total)\n".utf8)) }
    }
    if let path = options.casesOut {
        do {
            try CaseLines.write(measurements, of: chosen, to: path)
        } catch {
            fail("cannot write \(path): \(error)")
        }
    }
    if let path = ProcessInfo.processInfo.environment["RAMPART_BENCH_ANSWERS"] {
        let lines = measurements.map { "\($0.corpus)/\($0.id)\t\($0.status.rawValue)\t\($0.isPublic)\t\($0.principals.joined(separator: " "))" }
        try? (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
if verbose {
    let slowProofs = measurements.filter { $0.status == .noExternalAccess }.sorted(by: { $0.milliseconds > $1.milliseconds }).prefix(5)
    let slowAll = measurements.sorted(by: { $0.milliseconds > $1.milliseconds }).prefix(10)
    for m in slowAll + slowProofs.filter({ proof in !slowAll.contains { $0.id == proof.id && $0.kind == proof.kind } }) {
        print("  slow: \(format(m.milliseconds)) ms \(m.status.rawValue) calls=\(m.solverCalls) \(m.kind) \(m.id)")
    }
    // With --dump-slow, every case that reached the solver, and an index of their times.
    var index = ""
    for m in measurements.sorted(by: { $0.milliseconds > $1.milliseconds }) where m.solverCalls > 0 {
        index += "\(format(m.milliseconds)) \(m.status.rawValue) calls=\(m.solverCalls) \(m.kind) \(m.id)\n"
        if let folder = options.dumpSlow, let item = chosen.first(where: { $0.id == m.id && $0.kind == m.kind }) {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let file = "\(folder)/latency-" + String((m.kind + "-" + m.id).map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
            try? item.documentText.write(toFile: file + ".json", atomically: true, encoding: .utf8)
            let zone = item.zone.accounts.joined(separator: ",")
            try? "\(item.resource.type.rawValue) \(item.resource.arn) \(zone)\n".write(toFile: file + ".txt", atomically: true, encoding: .utf8)
        }
    }
    if let folder = options.dumpSlow { try? index.write(toFile: "\(folder)/latency-index.txt", atomically: true, encoding: .utf8) }
}

var figures: [String: CorpusFigures] = [:]
let available = Dictionary(grouping: corpus.cases, by: \.corpus).mapValues(\.count)
for (name, group) in Dictionary(grouping: measurements, by: \.corpus) {
    figures[name] = CorpusFigures(available: available[name] ?? 0, measurements: group)
}
figures["all"] = CorpusFigures(available: corpus.cases.count, measurements: measurements)
print("corpus                     n    p50_ms    p99_ms    max_ms  calls/res  ext  none  unproven  screened")
for name in figures.keys.sorted() {
    let f = figures[name]!
    print(name.padding(toLength: 22, withPad: " ", startingAt: 0) + "\(f.latency.count)".leftPadded(6)
          + format(f.latency.p50).leftPadded(10) + format(f.latency.p99).leftPadded(10) + format(f.latency.max).leftPadded(10)
          + String(format: "%.2f", f.solverCallsPerResource).leftPadded(11)
          + "\(f.statuses["EXTERNAL_ACCESS"] ?? 0)".leftPadded(5) + "\(f.statuses["NO_EXTERNAL_ACCESS"] ?? 0)".leftPadded(6)
          + "\(f.statuses["UNPROVEN"] ?? 0)".leftPadded(10) + "\(f.screened ?? 0)".leftPadded(10))
}

// How many findings were decided without Z3 (`SolverFreeFindings`).
let external = measurements.filter { $0.status == .externalAccess }
let concrete = external.filter { $0.decidedBy == .concrete }.count
print("solver-free findings: \(concrete) of \(external.count) EXTERNAL_ACCESS cases decided without Z3"
      + (external.isEmpty ? "" : String(format: " (%.0f %%)", 100 * Double(concrete) / Double(external.count))))

// Every case again with the solver-free findings off: any result that differs is a bug.
var solverFreeDifferences = 0
if options.checkSolverFree {
    var solverPathOptions = analysisOptions
    solverPathOptions.solverFreeFindings = false
    let solverPath = solverPathOptions
    let checkOptions = analysisOptions
    nonisolated(unsafe) var checked = 0
    nonisolated(unsafe) var differences: [String] = []
    onBigStack {
        for item in sampled {
            let fast = ExternalAccessAnalyzer.analyze(item.resource, zone: item.zone, options: checkOptions)
            guard fast.decidedBy == .concrete else { continue }
            checked += 1
            let solved = ExternalAccessAnalyzer.analyze(item.resource, zone: item.zone, options: solverPath)
            if fast.status != solved.status || fast.findings != solved.findings || fast.explanation != solved.explanation
                || fast.complete != solved.complete || fast.warnings != solved.warnings {
                differences.append("SOLVER-FREE DIFFERS \(item.corpus)/\(item.kind) \(item.id): \(fast.findings.map(\.principal)) "
                                   + "vs the solver path's \(solved.status.rawValue) \(solved.findings.map(\.principal))")
            }
        }
    }
    differences.forEach { print($0) }
    solverFreeDifferences = differences.count
    print("solver-free check: \(checked) of \(sampled.count) cases decided without Z3, each analysed again by the solver path: "
          + "\(solverFreeDifferences) difference(s)")
}

// The other engine on the same cases, side by side; a definite answer that differs is a bug.
var engineDisagreements = 0
if options.bothEngines {
    let otherOptions = AnalysisOptions(timeoutMilliseconds: options.timeoutMilliseconds, screen: !options.screen, witnessCandidates: !options.screen)
    let otherName = options.screen ? "solver" : "screen+solver"
    nonisolated(unsafe) var other: [CaseMeasurement] = []
    onBigStack { other = CaseRunner.run(chosen, jobs: options.latencyJobs, options: otherOptions) }
    print("engines side by side on the same \(chosen.count) cases: A = \(options.engineName), B = \(otherName)")
    print("corpus                   p50_A     p50_B     B/A     p99_A     p99_B     B/A")
    let otherByCorpus = Dictionary(grouping: other, by: \.corpus)
    for name in figures.keys.sorted() {
        let a = figures[name]!.latency
        let b = LatencySummary(milliseconds: (name == "all" ? other : otherByCorpus[name] ?? []).map(\.milliseconds))
        func ratio(_ x: Double, _ y: Double) -> String { x == 0 ? "inf" : String(format: "%.2f", y / x) }
        print(name.padding(toLength: 22, withPad: " ", startingAt: 0) + format(a.p50).leftPadded(8) + format(b.p50).leftPadded(10)
              + ratio(a.p50, b.p50).leftPadded(8) + format(a.p99).leftPadded(10) + format(b.p99).leftPadded(10) + ratio(a.p99, b.p99).leftPadded(8))
    }
    for (mine, theirs) in zip(measurements, other) where mine.status != theirs.status
        && mine.status != .unproven && theirs.status != .unproven {
        engineDisagreements += 1
        print("DISAGREEMENT \(mine.kind) \(mine.id): \(options.engineName) \(mine.status.rawValue), \(otherName) \(theirs.status.rawValue)")
    }
    print("engine answers: \(engineDisagreements) disagreement(s) among definite answers")
}

// Whole scans of synthetic organizations.
let canonicalForms = options.screen && !options.noCanonical
let generator = OrganizationGenerator(corpus: corpus, seed: options.seed)
var scans: [ScanFigures] = []
for size in options.scanSizes {
    ResidentMemory.resetPeak()
    let generateStart = Date()
    var plan = generator.plan(resources: size)
    let snapshot = generator.snapshot(plan)
    // The scan is measured, not the harness: the plan's copies of the documents go before
    // scanning (the snapshot has its own), unless --dump-slow needs them.
    if options.dumpSlow == nil {
        for index in plan.resources.indices { plan.resources[index].document = nil }
        Z3Global.returnFreedMemory()
    }
    let generateSeconds = Date().timeIntervalSince(generateStart)
    let snapshotMB = Double(ResidentMemory.currentBytes() ?? 0) / 1_048_576
    print("scan \(size): resident after generating the in-memory snapshot, before scanning: \(format(snapshotMB)) MB")
    nonisolated(unsafe) var scanResult: ScanResult?
    let scanStart = Date()
    let jobs = options.scanJobs
    onBigStack {
        scanResult = try? Scanner.scan(snapshot, options: ScanOptions(zoneMode: .account, jobs: jobs, analysis: analysisOptions,
                                                                      canonicalForms: canonicalForms))
    }
    let scanSeconds = Date().timeIntervalSince(scanStart)
    guard let result = scanResult else { fail("scan of \(size) resources failed") }
    let peak = Double(ResidentMemory.peakBytes() ?? 0) / 1_048_576
    if options.verbose {
        print("scan \(size): resident after scanning, results held: \(format(Double(ResidentMemory.currentBytes() ?? 0) / 1_048_576)) MB")
    }
    let statuses = Dictionary(grouping: result.outcomes, by: { $0.status.rawValue }).mapValues(\.count)
    // Resources without a policy are one (solver-free) analysis each; the cache works on the others.
    let solverAnalyses = result.analyses - (size - plan.withPolicy)
    let figure = ScanFigures(resources: size, accounts: plan.accounts.count, withPolicy: plan.withPolicy, analyses: result.analyses,
                             cacheHitRate: plan.withPolicy == 0 ? 0 : 1 - Double(solverAnalyses) / Double(plan.withPolicy),
                             generateSeconds: generateSeconds, scanSeconds: scanSeconds,
                             resourcesPerSecond: Double(size) / max(scanSeconds, 1e-9), peakResidentMB: peak, statuses: statuses)
    scans.append(figure)
    let hit = String(format: "%.1f", figure.cacheHitRate * 100)
    let answers = statuses.keys.sorted().map { "\($0)=\(statuses[$0]!)" }.joined(separator: " ")
    print("scan \(size) resources (\(plan.accounts.count) accounts, \(plan.withPolicy) with a policy): \(result.analyses) distinct analyses "
          + "(cache hit rate \(hit)%), generated in \(format(generateSeconds)) s, scanned in \(format(scanSeconds)) s "
          + "(\(format(figure.resourcesPerSecond)) resources/s, \(jobs) jobs), peak RSS \(format(peak)) MB; answers \(answers)")
    print("  canonical forms: \(canonicalForms ? "on" : "off"); \(result.canonicalResources) resources analysed through their canonical form, "
          + "\(result.canonicalReuses) answered from another resource's, \(result.canonicalFallbacks) fallbacks")
    if options.verbose {
        // Where the scan's analysis time goes, by resource type and answer (summed over workers).
        let groups = Dictionary(grouping: result.timings, by: { "\($0.type.rawValue) \($0.status.rawValue)\($0.canonical ? " canonical" : "")" })
        for (label, items) in groups.sorted(by: { $0.value.reduce(0) { $0 + $1.seconds } > $1.value.reduce(0) { $0 + $1.seconds } }) {
            let seconds = items.reduce(0) { $0 + $1.seconds }
            let slowest = items.map(\.seconds).max() ?? 0
            print("  \(label): \(items.count) analyses, \(format(seconds)) s in all, mean \(format(seconds / Double(items.count) * 1000)) ms, max \(format(slowest * 1000)) ms")
        }
        for timing in result.timings.sorted(by: { $0.seconds > $1.seconds }).prefix(15) {
            print("  slow: \(format(timing.seconds * 1000)) ms \(timing.status.rawValue) calls=\(timing.solverCalls) \(timing.arn) \(timing.policySource ?? "")")
            if let folder = options.dumpSlow, let source = timing.policySource,
               let document = plan.resources.first(where: { $0.arn == source })?.document {
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let file = source.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
                try? document.write(toFile: "\(folder)/\(String(file)).json", atomically: true, encoding: .utf8)
            }
        }
    }
}

var estimate: ScanEstimate?
if let largest = scans.max(by: { $0.resources < $1.resources }) {
    if largest.resources >= 100_000 {
        estimate = ScanEstimate(resources: largest.resources, fromScanOf: largest.resources, distinctAnalyses: largest.analyses,
                                seconds: largest.scanSeconds, measured: true)
    } else {
        let plan100k = generator.plan(resources: 100_000)
        // What the scanner would solve for 100,000 resources: its own cache keys (canonical forms
        // included), computed without solving; resources without a policy cost ~0 and are left out.
        var distinct100k = plan100k.distinctAnalyses
        if canonicalForms {
            let keys = try? Scanner.distinctAnalyses(generator.snapshot(plan100k),
                                                     options: ScanOptions(zoneMode: .account, jobs: 1, canonicalForms: true))
            distinct100k = (keys ?? distinct100k + plan100k.resources.count - plan100k.withPolicy) - (plan100k.resources.count - plan100k.withPolicy)
        }
        let perAnalysis = largest.scanSeconds / Double(max(1, largest.analyses - (largest.resources - largest.withPolicy)))
        let seconds = perAnalysis * Double(distinct100k)
        estimate = ScanEstimate(resources: 100_000, fromScanOf: largest.resources, distinctAnalyses: distinct100k,
                                seconds: seconds, measured: false)
        let hit = String(format: "%.1f", (1 - Double(distinct100k) / Double(max(1, plan100k.withPolicy))) * 100)
        print("scan_100k_s is an ESTIMATE, not measured: the \(largest.resources)-resource scan's \(format(perAnalysis)) s per distinct analysis with a policy "
              + "x \(distinct100k) such analyses in the generated 100,000-resource organization (cache hit rate \(hit)%"
              + (canonicalForms ? ", canonical forms on)" : ")")
              + (options.timeoutMilliseconds < 10_000 ? "; with this run's \(options.timeoutMilliseconds) ms solver timeout, hard analyses stop early, so this is low "
                 + "against a scan at the product's 10 s (docs/BENCHMARKS.md has measured scans)" : ""))
    }
}

let report = BenchReport(engine: options.engineName, z3: Z3Version.current, mode: options.quick ? "quick" : "full", seed: options.seed,
                         timeoutMilliseconds: options.timeoutMilliseconds, latencyJobs: options.latencyJobs, scanJobs: options.scanJobs,
                         corpora: figures, skips: corpus.skips, scans: scans, estimate: estimate)
if let path = options.jsonPath {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do { try encoder.encode(report).write(to: URL(fileURLWithPath: path)) } catch { fail("cannot write \(path): \(error)") }
    print("report written to \(path)")
}

var exitStatus: Int32 = engineDisagreements + solverFreeDifferences > 0 ? 1 : 0
if let path = options.checkPath {
    let baseline = readReport(path)
    var thresholds = RegressionCheck.Thresholds.standard
    if let time = options.timeThreshold { thresholds.time = time }
    if baseline.z3 != report.z3 { print("warning: baseline measured with Z3 \(baseline.z3), this run with Z3 \(report.z3)") }
    if baseline.mode != report.mode || baseline.seed != report.seed {
        print("warning: baseline is a \(baseline.mode) run with seed \(baseline.seed); this is a \(report.mode) run with seed \(report.seed)")
    }
    let lines = RegressionCheck.compare(current: report, baseline: baseline, thresholds: thresholds)
    lines.forEach { print($0.text) }
    let regressed = lines.filter(\.regressed)
    print(regressed.isEmpty ? "check: no regression against \(path)" : "check: \(regressed.count) metric(s) regressed against \(path)")
    if !regressed.isEmpty { exitStatus = 1 }
}

print(String(format: "wall time %.1f s", Date().timeIntervalSince(wallStart)))
let all = figures["all"]!
let peak = scans.map(\.peakResidentMB).max() ?? 0
print("resources=\(all.latency.count) p50_ms=\(format(all.latency.p50)) p99_ms=\(format(all.latency.p99)) max_ms=\(format(all.latency.max)) "
      + "scan_100k_s=\(format(estimate?.seconds ?? 0)) peak_rss_mb=\(String(format: "%.0f", peak))")
exit(exitStatus)
