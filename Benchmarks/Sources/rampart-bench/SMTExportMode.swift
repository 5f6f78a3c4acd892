// rampart-bench --export-smt DIR: every solver question the corpora produce, as SMT-LIB2 files
// with Rampart's answers and a manifest (docs/BENCHMARKS.md, "Solvers side by side").
import Analysis
import BenchSupport
import Encoding
import Foundation
import Policy

/// The first action an Allow statement names without a wildcard: the custom check asks whether
/// the policy grants it (nil: no such action, no custom check).
func namedAction(_ policy: Policy?) -> String? {
    for statement in policy?.statements ?? [] where statement.effect == .allow {
        guard let actions = statement.actions, !actions.isNegated else { continue }
        if let action = actions.values.first(where: { !$0.contains("*") && !$0.contains("?") && $0.contains(":") }) {
            return action
        }
    }
    return nil
}

/// Analyses every case (and one custom check per case) with a recorder each, on `jobs` threads
/// with 8 MiB stacks, and writes the files and the manifest. With `resourceLimit`, every call is
/// bounded by Z3's deterministic resource count too (`SolverQuestionRecorder.resourceLimit`).
func exportSMT(_ cases: [CorpusCase], to folder: String, options: AnalysisOptions, jobs: Int, resourceLimit: UInt32? = nil) {
    final class Recorded: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var slots: [(analysis: [RecordedSolverQuestion], check: [RecordedSolverQuestion])?]
        init(_ count: Int) { slots = Array(repeating: nil, count: count) }
        func take() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < slots.count else { return nil }
            next += 1
            return next - 1
        }
        func store(_ index: Int, _ value: (analysis: [RecordedSolverQuestion], check: [RecordedSolverQuestion])) {
            lock.lock(); defer { lock.unlock() }
            slots[index] = value
        }
    }
    let recorded = Recorded(cases.count)
    let group = DispatchGroup()
    for _ in 0..<max(1, min(jobs, cases.count)) {
        group.enter()
        let thread = Thread {
            while let index = recorded.take() {
                let item = cases[index]
                let analysis = SolverQuestionRecorder(resourceLimit: resourceLimit)
                let check = SolverQuestionRecorder(resourceLimit: resourceLimit)
                var caseOptions = options
                caseOptions.recorder = analysis
                _ = ExternalAccessAnalyzer.analyze(item.resource, zone: item.zone, options: caseOptions)
                if let policy = item.resource.policy, let action = namedAction(policy) {
                    _ = CustomChecks.accessNotGranted(policy: policy, actions: [action], resources: [],
                                                      timeoutMilliseconds: options.timeoutMilliseconds, recorder: check)
                }
                recorded.store(index, (analysis.questions, check.questions))
            }
            group.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
    group.wait()
    do {
        var export = try SMTExportFolder(path: folder)
        for (item, questions) in zip(cases, recorded.slots) {
            guard let questions else { continue }
            try export.write(questions.analysis, of: item, run: "external access")
            try export.write(questions.check, of: item, run: "custom check")
        }
        try export.writeManifest()
        let statuses = Dictionary(grouping: export.entries, by: \.status).mapValues(\.count)
        print("exported \(export.entries.count) questions of \(cases.count) cases to \(folder) "
              + "(\(statuses.keys.sorted().map { "\($0)=\(statuses[$0] ?? 0)" }.joined(separator: " ")))")
    } catch {
        fail("cannot write the export to \(folder): \(error)")
    }
}
