import Policy
import XCTest

/// `Policy.droppingLocations()`: every element's location becomes `SourceLocation.document`, and
/// nothing else changes — the same values, in the same order, and the same walk of the fields the
/// semantics read (`FieldFingerprint`, which leaves locations out as unread).
final class PolicyLocationsDroppedTests: XCTestCase {
    private let text = #"""
    {"Version": "2012-10-17", "Id": "shared",
     "Statement": [
       {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::300000000003:root", "300000000004"]},
        "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"],
        "Condition": {"StringEquals": {"aws:PrincipalOrgID": ["o-a1b2c3d4e5", "o-f6g7h8i9j0"]}, "Bool": {"aws:SecureTransport": true}}},
       {"Effect": "Deny", "NotPrincipal": {"Service": "cloudfront.amazonaws.com"}, "NotAction": "s3:Get*", "NotResource": "arn:aws:s3:::logs/public/*"}
     ]}
    """#

    func testEveryLocationIsTheDocumentAndNothingElseChanges() throws {
        let parsed = try XCTUnwrap(PolicyParser.parse(text: text, source: "bucket.json", type: .resource).policy)
        XCTAssertNotNil(parsed.statements[0].location.position, "parsed from text: positions are known")
        let dropped = parsed.droppingLocations()

        var locations: [SourceLocation] = [dropped.version?.location, dropped.id?.location].compactMap { $0 }
        for statement in dropped.statements {
            locations.append(statement.location)
            locations += [statement.sid?.location, statement.principal?.location, statement.actions?.location,
                          statement.resources?.location].compactMap { $0 }
            locations += (statement.principal?.entries ?? []).map(\.location)
            locations += (statement.actions?.patterns ?? []).map(\.location) + (statement.resources?.patterns ?? []).map(\.location)
            for condition in statement.conditions {
                locations += [condition.location, condition.key.location] + condition.values.map(\.location)
            }
        }
        // Version, Id; statement 0: itself, Sid, Principal, Action, Resource, 2 entries, 2 + 2 patterns,
        // 2 conditions × (itself, key) and 3 values; statement 1: itself, NotPrincipal, NotAction,
        // NotResource, 1 entry, 1 + 1 patterns.
        XCTAssertEqual(locations.count, 2 + (5 + 2 + 4 + 4 + 3) + (4 + 1 + 2))
        XCTAssertTrue(locations.allSatisfy { $0 == .document })

        XCTAssertEqual(dropped.source, parsed.source)
        XCTAssertEqual(dropped.version?.value, .v2012_10_17)
        XCTAssertEqual(dropped.id?.value, "shared")
        XCTAssertEqual(dropped.statements.map(\.index), [0, 1])
        XCTAssertEqual(dropped.statements[0].sid?.value, "Partner")
        XCTAssertEqual(dropped.statements[0].principal?.entries.map(\.value), ["arn:aws:iam::300000000003:root", "300000000004"])
        XCTAssertEqual(dropped.statements[0].actions?.values, ["s3:GetObject", "s3:ListBucket"])
        XCTAssertEqual(dropped.statements[0].conditions.map(\.key.value), parsed.statements[0].conditions.map(\.key.value))
        XCTAssertEqual(dropped.statements[0].conditions.flatMap { $0.values.map(\.text) }, ["o-a1b2c3d4e5", "o-f6g7h8i9j0", "true"])
        XCTAssertEqual(dropped.statements[1].principal?.isNegated, true)
        XCTAssertEqual(dropped.statements[1].actions?.isNegated, true)
        XCTAssertEqual(dropped.statements[1].resources?.values, ["arn:aws:s3:::logs/public/*"])
        XCTAssertEqual(FieldFingerprint.of(dropped), FieldFingerprint.of(parsed))
        XCTAssertNotEqual(dropped, parsed, "the locations were part of the policy's equality")
    }
}
