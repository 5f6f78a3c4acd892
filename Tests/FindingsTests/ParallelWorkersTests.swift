import Findings
import Foundation
import XCTest

/// `ParallelWorkers.run`: every job runs once, whatever the number of workers, and the results
/// come back in job order (each written at its job's place); progress counts up to the jobs.
final class ParallelWorkersTests: XCTestCase {
    func testResultsInJobOrderForAnyNumberOfWorkers() {
        for workers in [1, 2, 3, 8, 50] {
            let results = ParallelWorkers.run(count: 40, workers: workers) { index in "job \(index)" }
            XCTAssertEqual(results, (0..<40).map { "job \($0)" }, "\(workers) workers")
        }
    }

    func testNoJobsNoResults() {
        XCTAssertEqual(ParallelWorkers.run(count: 0, workers: 2) { $0 }, [])
    }

    func testEachJobRunsOnceAndProgressReachesTheCount() {
        let runs = Counts(count: 100)
        let reported = Counts(count: 101)
        let results = ParallelWorkers.run(count: 100, workers: 4, progress: { done in reported.add(done) }) { index -> [Int] in
            runs.add(index)
            return Array(repeating: index, count: index % 5)   // results with storage of their own
        }
        XCTAssertEqual(runs.all, Array(repeating: 1, count: 100), "each job once")
        XCTAssertEqual(results, (0..<100).map { Array(repeating: $0, count: $0 % 5) })
        XCTAssertEqual(reported.all.dropFirst(), Array(repeating: 1, count: 100)[...], "each count from 1 to 100 reported once")
    }

    private final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int]
        init(count: Int) { counts = Array(repeating: 0, count: count) }
        func add(_ index: Int) { lock.lock(); counts[index] += 1; lock.unlock() }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return counts }
    }
}
