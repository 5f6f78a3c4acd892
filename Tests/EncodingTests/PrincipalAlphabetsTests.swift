import Authorizer
@testable import Encoding
import Policy
import RampartTestSupport
import XCTest
import Z3

/// The alphabets of principal fields exist twice: as Z3 regular expressions (the
/// well-formedness constraints) and as a plain check on a string (for models found without
/// them). Both must say the same, and both must say what the IAM User Guide says.
final class PrincipalAlphabetsTests: XCTestCase {
    /// Worked from the IAM User Guide ("IAM and AWS STS quotas", name requirements: letters,
    /// digits and `+=,.@_-`; paths are "/" or "/segment/.../" of printable ASCII, the leading
    /// "/" dropped in ARNs) and account ids (twelve digits).
    static let handWorked: [(String, PrincipalAlphabets.Alphabet, Bool)] = [
        ("123456789012", .accountID, true), ("12345678901", .accountID, false), ("1234567890123", .accountID, false),
        ("12345678901a", .accountID, false), ("", .accountID, false), ("１23456789012", .accountID, false),
        ("Admin", .name, true), ("my-role_1+=,.@", .name, true), ("", .name, false), ("a b", .name, false),
        ("a/b", .name, false), ("a:b", .name, false), ("é", .name, false),
        ("", .path, true), ("division/", .path, true), ("a/b-c/", .path, true), ("a!~/", .path, true),
        ("/", .path, false), ("a", .path, false), ("a//", .path, false), ("a b/", .path, false), ("é/", .path, false),
        ("s3.amazonaws.com", .nonEmpty, true), ("", .nonEmpty, false), (" ", .nonEmpty, true),
    ]

    func testTheCheckOnStringsFollowsTheDocumentation() {
        for (text, alphabet, expected) in Self.handWorked {
            XCTAssertEqual(PrincipalAlphabets.matches(text, alphabet), expected, "\(alphabet) \(text.debugDescription)")
        }
    }

    /// The regular expressions agree with the check on the hand-worked strings and on seeded
    /// random strings over characters at and around every class boundary.
    func testTheRegularExpressionsAgreeWithTheCheck() throws {
        let context = try Z3Context()
        let alphabets = try PrincipalAlphabets(context: context)
        let characters = Array("09/:@AZ[`az{~!.+=,_- é\u{7f}")
        var generator = SeededGenerator(seed: 20261125)
        var samples = Self.handWorked.map { ($0.0, $0.1) }
        for alphabet in [PrincipalAlphabets.Alphabet.accountID, .name, .path, .nonEmpty] {
            for _ in 0..<60 {
                let length = alphabet == .accountID ? Int.random(in: 11...13, using: &generator) : Int.random(in: 0...5, using: &generator)
                var text = String((0..<length).map { _ in characters.randomElement(using: &generator) ?? "a" })
                if alphabet == .accountID { text = String(text.map { Bool.random(using: &generator) ? "7" : $0 }) }
                if alphabet == .path && Bool.random(using: &generator) { text += "/" }
                samples.append((text, alphabet))
            }
        }
        var disagreements: [String] = []
        for (text, alphabet) in samples {
            let solver = try Z3Solver(context: context, kind: .simple)
            try solver.assert(try context.string(text).matches(alphabets.regex(alphabet)))
            let symbolic = try solver.check().isSat
            if symbolic != PrincipalAlphabets.matches(text, alphabet) { disagreements.append("\(alphabet) \(text.debugDescription)") }
        }
        XCTAssertEqual(disagreements, [])
    }

    /// A question asked without the alphabets can have a model with an ill-formed name, which
    /// `alphabetsHold` rejects; with them, the same question's model passes. Built on a policy that
    /// names any role (`arn:aws:iam::*:role/*`), where an empty role name satisfies everything but
    /// the name's alphabet.
    func testModelsWithoutTheAlphabetsAreCheckedAgainstThem() throws {
        let result = PolicyParser.parse(text: #"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::b/*", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/*"}}}]}
            """#, source: "p.json", type: .resource)
        let policy = try XCTUnwrap(result.policy)
        let context = try Z3Context()
        let authorization = try EvaluationCompiler.compile(PolicySet(resourcePolicy: policy), resourceAccount: "111122223333", in: context)
        let p = authorization.request.principal
        for alphabets in [false, true] {
            let solver = try Z3Solver(context: context)
            try solver.assert(authorization.allowed)
            try solver.assert(p.isKind(.iamRole))
            try solver.assert(p.roleName.equals(context.string("")))
            try solver.assert(authorization.wellFormedness(alphabets: alphabets))
            switch try solver.check() {
            case .sat(let model):
                XCTAssertFalse(alphabets, "an empty role name is outside the name alphabet")
                XCTAssertFalse(try authorization.alphabetsHold(in: model))
                let repaired = try authorization.decodeRepairing(model, fallbackAccount: "444455556666")
                XCTAssertEqual(repaired.principal.kind, .iamRole)
                XCTAssertTrue(repaired.principal.arn?.hasSuffix(":role/rampart-witness-role") ?? false, "\(repaired.principal)")
            case .unsat:
                XCTAssertTrue(alphabets, "without the alphabets an empty role name is allowed")
            case .unknown(let reason):
                XCTFail(reason)
            }
        }
    }
}
