import Analysis
import Foundation

/// One analysis as measured: wall time of `ExternalAccessAnalyzer.analyze` (context creation,
/// encoding, every solver call, witness replay, explanation), its answer and its solver calls.
public struct CaseMeasurement: Sendable {
    public var corpus: String
    public var kind: String
    public var id: String
    public var milliseconds: Double
    public var status: ExternalAccessResult.Status
    public var findings: Int
    public var solverCalls: Int
    public var complete: Bool
    /// Decided by `ZoneScreen` without the solver.
    public var screened: Bool
    /// What decided it (`ExternalAccessResult.decidedBy`: solver, screen, or concrete — the
    /// solver-free findings).
    public var decidedBy = ExternalAccessResult.Engine.solver
    public var principals: [String] = []
    public var isPublic = false
}

/// Runs analyses on `jobs` threads (8 MiB stacks, as the scanner's workers have), each on its
/// own Z3 context, and times each one.
public enum CaseRunner {
    public static func run(_ cases: [CorpusCase], jobs: Int, options: AnalysisOptions,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) -> [CaseMeasurement] {
        let state = State(count: cases.count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, cases.count)) {
            group.enter()
            let thread = Thread {
                while let index = state.next() {
                    let item = cases[index]
                    let start = DispatchTime.now().uptimeNanoseconds
                    let result = ExternalAccessAnalyzer.analyze(item.resource, zone: item.zone, options: options)
                    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                    let done = state.store(CaseMeasurement(corpus: item.corpus, kind: item.kind, id: item.id, milliseconds: elapsed,
                                                           status: result.status, findings: result.findings.count,
                                                           solverCalls: result.solverCalls, complete: result.complete,
                                                           screened: result.decidedBy == .screen, decidedBy: result.decidedBy,
                                                           principals: result.findings.map { $0.principal + ":" + $0.actions.joined(separator: ",") }.sorted(),
                                                           isPublic: result.isPublic), at: index)
                    progress?(done, cases.count)
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return state.results()
    }

    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private var done = 0
        private var slots: [CaseMeasurement?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func next() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard nextIndex < slots.count else { return nil }
            nextIndex += 1
            return nextIndex - 1
        }

        func store(_ value: CaseMeasurement, at index: Int) -> Int {
            lock.lock(); defer { lock.unlock() }
            slots[index] = value
            done += 1
            return done
        }

        func results() -> [CaseMeasurement] {
            lock.lock(); defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }
}

/// A seeded sample of `count` cases per corpus (all of a corpus when it has fewer), in corpus
/// order, so that the quick mode sees every corpus and the same cases every run.
public func sample(_ cases: [CorpusCase], perCorpus count: Int?, seed: UInt64 = BenchmarkSeed.default) -> [CorpusCase] {
    guard let count else { return cases }
    var random = SeededGenerator(seed: seed ^ 0x5A5A)
    var byCorpus: [String: [Int]] = [:]
    var order: [String] = []
    for (index, item) in cases.enumerated() {
        if byCorpus[item.corpus] == nil { order.append(item.corpus) }
        byCorpus[item.corpus, default: []].append(index)
    }
    var chosen: [Int] = []
    for corpus in order {
        var indices = byCorpus[corpus] ?? []
        // Partial Fisher–Yates: the first `count` entries become a uniform sample.
        let take = min(count, indices.count)
        for i in 0..<take {
            let j = i + random.below(indices.count - i)
            indices.swapAt(i, j)
        }
        chosen += indices.prefix(take).sorted()
    }
    return chosen.map { cases[$0] }
}
