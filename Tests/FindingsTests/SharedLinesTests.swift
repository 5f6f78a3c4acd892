import Foundation
@testable import Findings
import XCTest

/// `SharedLines`: what comes back is always equal to what was given, and an equal list given
/// again comes back with the first one's storage (the point of the pool), from any thread.
final class SharedLinesTests: XCTestCase {
    private func storage(_ list: [String]) -> UnsafeRawPointer? {
        list.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    func testAnEqualListComesBackAsTheFirst() {
        let pool = SharedLines()
        let first = pool.shared(["Allow statement 0: its Principal names only principals inside the zone of trust."])
        // Built separately, so its storage is its own until pooled.
        let again = ["Allow statement 0: its Principal names only principals", "inside the zone of trust."].joined(separator: " ")
        let second = pool.shared([again])
        XCTAssertEqual(second, first)
        XCTAssertEqual(storage(second), storage(first), "held once")
    }

    func testDifferentListsStayDifferent() {
        let pool = SharedLines()
        let lines = [["a"], ["a", "b"], ["b", "a"], ["b"], []]
        let pooled = lines.map(pool.shared)
        XCTAssertEqual(pooled, lines)
        XCTAssertEqual(lines.map(pool.shared), lines, "asked again, the same answers")
    }

    func testFromManyThreadsEveryAnswerIsWhatWasGiven() {
        let pool = SharedLines()
        let lists = (0..<200).map { ["line \($0 % 7)", "line \($0 % 3)"] }
        let answers = Answers(count: lists.count)
        DispatchQueue.concurrentPerform(iterations: lists.count) { index in answers.set(index, pool.shared(lists[index])) }
        XCTAssertEqual(answers.all, lists)
    }

    private final class Answers: @unchecked Sendable {
        private let lock = NSLock()
        private var lists: [[String]]
        init(count: Int) { lists = Array(repeating: [], count: count) }
        func set(_ index: Int, _ list: [String]) { lock.lock(); lists[index] = list; lock.unlock() }
        var all: [[String]] { lock.lock(); defer { lock.unlock() }; return lists }
    }
}
