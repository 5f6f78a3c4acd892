import XCTest
@testable import Z3

final class Z3EnumTests: XCTestCase {
    func testEnumerationValuesArePairwiseDistinct() throws {
        let ctx = try Z3Context()
        let kinds = try ctx.enumSort(named: "PrincipalKind", cases: ["AWS", "Service", "Federated"])
        XCTAssertEqual(kinds.names, ["AWS", "Service", "Federated"])
        // Distinct constructors are never equal.
        XCTAssertTrue(try check(ctx, [kinds.cases[0].equals(kinds.cases[1])]).isUnsat)
        XCTAssertTrue(try check(ctx, [ctx.distinct(kinds.cases)]).isSat)
        // A variable that is none of the three values does not exist (the domain is closed).
        let k = try ctx.enumVariable("k", sort: kinds)
        XCTAssertTrue(try check(ctx, try kinds.cases.map { try k.notEquals($0) }).isUnsat)
        // Four distinct variables of a three-value sort do not exist.
        let vars = try (0..<4).map { try ctx.enumVariable("v\($0)", sort: kinds) }
        XCTAssertTrue(try check(ctx, [ctx.distinct(vars)]).isUnsat)
    }

    func testModelReportsIndexAndName() throws {
        let ctx = try Z3Context()
        let accounts = try ctx.enumSort(named: "Account", cases: ["111122223333", "444455556666", "other"])
        let a = try ctx.enumVariable("a", sort: accounts)
        let model = try requireModel(check(ctx, [
            a.notEquals(accounts.requireValue(named: "111122223333")),
            a.notEquals(accounts.requireValue(named: "other")),
        ]))
        XCTAssertEqual(try model.value(of: a), Z3EnumValue(index: 1, name: "444455556666"))
        XCTAssertNil(accounts.value(named: "nope"))
        XCTAssertThrowsError(try accounts.requireValue(named: "nope"))
    }

    func testRedeclaringASortNameWithOtherValuesIsRefused() throws {
        let ctx = try Z3Context()
        let first = try ctx.enumSort(named: "Account", cases: ["a", "b"])
        // The same declaration again is the same sort.
        let again = try ctx.enumSort(named: "Account", cases: ["a", "b"])
        XCTAssertEqual(first.sort, again.sort)
        XCTAssertTrue(try check(ctx, [first.cases[0].equals(again.cases[0])]).isSat)
        // Other values under the same name: Z3 would merge the sorts silently.
        XCTAssertThrowsError(try ctx.enumSort(named: "Account", cases: ["a", "b", "c"]))
        // Another context is independent.
        XCTAssertNoThrow(try Z3Context().enumSort(named: "Account", cases: ["c"]))
    }

    func testInvalidEnumerationSortsAreRejected() throws {
        let ctx = try Z3Context()
        XCTAssertThrowsError(try ctx.enumSort(named: "Empty", cases: []))
        XCTAssertThrowsError(try ctx.enumSort(named: "Twice", cases: ["a", "a"]))
        let sort = try ctx.enumSort(named: "Color", cases: ["red"])
        XCTAssertNoThrow(try Z3Enum(sort.cases[0].term))
        XCTAssertThrowsError(try Z3Enum(ctx.int(1).term))
    }
}
