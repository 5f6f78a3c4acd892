import XCTest
@testable import Z3

final class Z3VersionTests: XCTestCase {
    func testVersionIsReadThroughTheCAPI() {
        let (major, minor, _, _) = Z3Version.components
        XCTAssertGreaterThanOrEqual(major, 4)
        XCTAssertTrue(Z3Version.current.hasPrefix("\(major).\(minor)."))
    }
}
