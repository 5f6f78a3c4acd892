import Analysis
import Environment
@testable import Findings
import Foundation
import Policy
import RampartTestSupport
import XCTest

/// Canonical forms (`CanonicalResource`, `TokenSwap`): resources that differ only in their own
/// account and name share one analysis. The renaming rules, the cases that must be analysed as
/// they are, the guard against the analysis's own constants, and scans with and without
/// canonical forms compared on hand-made and corpus snapshots.
final class CanonicalFormTests: XCTestCase {
    // MARK: TokenSwap

    func testSwapRenamesWholeTokensBothWays() {
        let swap = TokenSwap(pairs: [("200000000001", "000000000000"), ("logs-4242", "zq9999999")])
        XCTAssertEqual(swap.apply("arn:aws:s3:::logs-4242/AWSLogs/200000000001/*"), "arn:aws:s3:::zq9999999/AWSLogs/000000000000/*")
        XCTAssertEqual(swap.apply("arn:aws:s3:::zq9999999/AWSLogs/000000000000/*"), "arn:aws:s3:::logs-4242/AWSLogs/200000000001/*")
        // Not whole tokens: a longer run, a run with a suffix after `-` or `_`.
        XCTAssertEqual(swap.apply("logs-42421"), "logs-42421")
        XCTAssertEqual(swap.apply("logs-4242-old 2000000000012 x_200000000001"), "logs-4242-old 2000000000012 x_200000000001")
        // Other characters stay, including non-ASCII ones next to a token.
        XCTAssertEqual(swap.apply("é200000000001é"), "é000000000000é")
        for text in ["", "200000000001", "a:logs-4242:b", "zq9999999.logs-4242"] {
            XCTAssertEqual(swap.apply(swap.apply(text)), text, "a swap is its own inverse")
        }
    }

    // MARK: What is renamed

    private func resource(_ statements: String, arn: String = "arn:aws:s3:::logs-4242", type: ResourceType = .s3Bucket,
                          account: String = "200000000001", file: StaticString = #filePath, line: UInt = #line) -> AnalyzedResource {
        let text = #"{"Version": "2012-10-17", "Statement": ["# + statements + "]}"
        let parsed = PolicyParser.parse(text: text, source: "test", type: type.policyType)
        XCTAssertFalse(parsed.diagnostics.contains { $0.severity == .error }, "\(parsed.diagnostics)", file: file, line: line)
        return AnalyzedResource(arn: arn, type: type, account: account, policy: parsed.policy)
    }

    private let template = #"""
        {"Sid": "Logs", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:PutObject",
         "Resource": "arn:aws:s3:::logs-4242/AWSLogs/200000000001/*", "Condition": {"StringEquals": {"aws:SourceAccount": "200000000001"}}}
        """#

    func testTheSameTemplateInTwoAccountsHasOneCanonicalForm() throws {
        let first = try XCTUnwrap(CanonicalResource.make(resource(template), zone: .account("200000000001")))
        let other = resource(template.replacingOccurrences(of: "200000000001", with: "200000000002").replacingOccurrences(of: "logs-4242", with: "logs-7777"),
                             arn: "arn:aws:s3:::logs-7777", account: "200000000002")
        let second = try XCTUnwrap(CanonicalResource.make(other, zone: .account("200000000002")))
        XCTAssertEqual(first.fingerprint, second.fingerprint)
        XCTAssertEqual(first.resource.arn, "arn:aws:s3:::zq9999999")
        XCTAssertEqual(first.resource.arn, second.resource.arn)
        XCTAssertEqual(first.zone, .account("010101010101"))
        XCTAssertEqual(first.resource.policy?.statements[0].resources?.values, ["arn:aws:s3:::zq9999999/AWSLogs/010101010101/*"])
        // Actions and condition keys are names: never renamed. The Sid is, and maps back.
        XCTAssertEqual(first.resource.policy?.statements[0].actions?.values, ["s3:PutObject"])
        XCTAssertEqual(first.resource.policy?.statements[0].sid?.value, "Logs")
        // Another grantee is another policy.
        let third = resource(template.replacingOccurrences(of: "444455556666", with: "444455556667"))
        XCTAssertNotEqual(try XCTUnwrap(CanonicalResource.make(third, zone: .account("200000000001"))).fingerprint, first.fingerprint)
    }

    func testNamesNeedAShapeNoneOfTheSemanticsWordsHas() {
        XCTAssertTrue(CanonicalResource.isRenamableName("logs-4242"))
        XCTAssertTrue(CanonicalResource.isRenamableName("1234abcd-12ab-34cd-56ef-1234567890ab"))
        XCTAssertTrue(CanonicalResource.isRenamableName("MyQueue-4242"))
        XCTAssertTrue(CanonicalResource.isRenamableName("repository_name-4242"))
        // Past `r-` or `o-` a `-`: no root or organization id has one (OrganizationIdentifiers,
        // from the AWS Organizations API Reference's `Root.Id` and `Organization.Id` patterns).
        XCTAssertTrue(CanonicalResource.isRenamableName("r-420000000002-000137"))
        XCTAssertTrue(CanonicalResource.isRenamableName("o-logs-4242"))
        for name in ["logs", "my-bucket", "logs-42", "12-digit", "AROA12345678", "AIDAEXAMPLE123", "2026-01-01T00", "POLICY_VARIABLES_NEED_2012_10_17", "bench-1", "us-east-1", "2012-10-17", "o-a1b2c3d4e5", "ou-ab12-11111111",
                     "r-ab12345678", "ou-ab12-4242-x", "assumed-role"] {
            XCTAssertFalse(CanonicalResource.isRenamableName(name), name)
        }
        XCTAssertEqual(CanonicalResource.nameTokens(of: "arn:aws:iam::200000000001:role/service-role/deploy-2024"), ["deploy-2024"])
        XCTAssertEqual(CanonicalResource.nameTokens(of: "arn:aws:s3:::logs"), [])
    }

    // Each check keeps a resource as it is where a renaming could change the answer.
    func testResourcesWhoseTestsReadTheTokensOtherwiseAreKeptAsTheyAre() {
        let zone = ZoneOfTrust.account("200000000001")
        func kept(_ statement: String, _ why: String, line: UInt = #line) {
            XCTAssertNil(CanonicalResource.make(resource(statement, line: line), zone: zone), why, line: line)
        }
        let allow = #"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-4242/*""#
        // `2000000000*` matches the zone account's digits but not 010101010101's.
        kept(allow + #", "Condition": {"StringLike": {"aws:PrincipalAccount": "2000000000*"}}}"#, "a wildcard next to part of the account")
        kept(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-42*"}"#, "a wildcard next to part of the name")
        // Numbers: 200000000001 > 100000000000, 010101010101 is not.
        kept(allow + #", "Condition": {"NumericGreaterThan": {"s3:max-keys": "100000000000"}}}"#, "numeric operators")
        // Epoch seconds 150000000000 lie between 010101010101 and 200000000001.
        kept(allow + #", "Condition": {"DateLessThan": {"aws:EpochTime": "150000000000"}}}"#, "a date between the accounts")
        // Names starting with a digit could be the first run of a date.
        XCTAssertNil(CanonicalResource.make(resource(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::2024logs-42/*", "Condition": {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}}"#,
                                                     arn: "arn:aws:s3:::2024logs-42"), zone: zone), "a name starting with a digit and a date operator")
        kept(allow + #", "Condition": {"BinaryEquals": {"aws:UserAgent": "bG9ncy00MjQy"}}}"#, "binary operators")
        // `LOGS-4242` equals logs-4242 ignoring case, not zq9999999.
        kept(allow + #", "Condition": {"StringEqualsIgnoreCase": {"aws:SourceArn": "arn:aws:s3:::LOGS-4242"}}}"#, "IgnoreCase with a name")
        kept(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-4242/home-${aws:username}/*"}"#,
             "a policy variable next to a token character")
        kept(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-4242/${aws:username}*"}"#,
             "a policy variable next to a wildcard")
        kept(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-4242/${aws:userid}${aws:username}"}"#,
             "two policy variables side by side")
        XCTAssertNotNil(CanonicalResource.make(resource(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-4242/${aws:username}/*"}"#), zone: zone),
                        "a variable between non-token characters")
        // Numbers and dates away from both accounts are fine: no value with a renamed token compares otherwise.
        XCTAssertNotNil(CanonicalResource.make(resource(allow + #", "Condition": {"NumericLessThan": {"s3:max-keys": "100"}, "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}}"#), zone: zone))
        // A wildcard next to other text is fine.
        XCTAssertNotNil(CanonicalResource.make(resource(#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-4242/public-*"}"#), zone: zone))
    }

    func testOnlyTheResourcesOwnAccountZoneIsRenamed() throws {
        let statement = #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs-4242/*"}"#
        // An organization zone stays as it is; only the name is renamed.
        let organization = try XCTUnwrap(CanonicalResource.make(resource(statement), zone: .organization("o-a1b2c3d4e5", accounts: ["200000000001", "444455556666"])))
        XCTAssertEqual(organization.zone, .organization("o-a1b2c3d4e5", accounts: ["200000000001", "444455556666"]))
        XCTAssertEqual(organization.swap.pairs.map(\.0), ["logs-4242"])
        // An account the analysis itself uses as a default is never renamed.
        let builtIn = CanonicalResource.make(resource(statement, account: "123456789012"), zone: .account("123456789012"))
        XCTAssertEqual(builtIn?.swap.pairs.map(\.0), ["logs-4242"])
        XCTAssertNil(CanonicalResource.make(resource(statement, arn: "arn:aws:s3:::logs", account: "123456789012"), zone: .account("123456789012")))
    }

    /// The analysis's own constants must not be renamable tokens: every twelve-digit literal in
    /// the semantic modules is listed in `builtInAccounts`, and no token of any literal has the
    /// shape of a renamable name.
    func testNoConstantOfTheSemanticsIsARenamableToken() throws {
        let root = PackageFiles.root.appendingPathComponent("Sources")
        let literal = try NSRegularExpression(pattern: #""((?:[^"\\\n]|\\.)*)""#)
        let check = try NSRegularExpression(pattern: #"\b(hasPrefix|hasSuffix|contains)\("((?:[^"\\\n]|\\.)*)"\)"#)
        var openFragments: [String: [String]] = [:]
        var files = 0
        for module in ["Policy", "Authorizer", "Encoding", "Analysis"] {
            let folder = root.appendingPathComponent(module)
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard url.pathExtension == "swift" else { continue }
                files += 1
                // Code only: comments quote examples, not constants the semantics uses.
                let text = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
                for match in check.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    guard let kindRange = Range(match.range(at: 1), in: text), let argumentRange = Range(match.range(at: 2), in: text) else { continue }
                    let argument = String(text[argumentRange]), kind = String(text[kindRange])
                    let runs = TokenSwap.runs(in: argument)
                    guard let first = runs.first, let last = runs.last else { continue }
                    let opensLeft = argument.unicodeScalars.first.map(TokenSwap.isTokenCharacter) == true
                    let opensRight = argument.unicodeScalars.last.map(TokenSwap.isTokenCharacter) == true
                    if kind != "hasPrefix", opensLeft { openFragments[first, default: []].append(url.lastPathComponent) }
                    if kind != "hasSuffix", opensRight { openFragments[last, default: []].append(url.lastPathComponent) }
                }
                for match in literal.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    guard let range = Range(match.range(at: 1), in: text) else { continue }
                    for token in TokenSwap.runs(in: String(text[range])) {
                        if token.count == 12, token.allSatisfy(\.isNumber) {
                            XCTAssertTrue(CanonicalResource.builtInAccounts.contains(token), "\(url.lastPathComponent): account \(token) is not in builtInAccounts")
                        }
                        XCTAssertFalse(CanonicalResource.isRenamableName(token), "\(url.lastPathComponent): \(token) has the shape of a renamable name")
                    }
                }
            }
        }
        XCTAssertGreaterThan(files, 50, "the sources were not found at \(root.path)")
        XCTAssertEqual(Set(openFragments.keys).subtracting(Self.reviewedOpenFragments.keys), [],
                       "prefix/suffix/contains checks on a fragment a renamed name could contain: review it and add it with why it is safe")
        XCTAssertFalse(CanonicalResource.builtInAccounts.contains(CanonicalResource.canonicalAccount))
    }

    /// Fragments the semantics tests with `hasPrefix`/`hasSuffix`/`contains` that are open on a side
    /// (a value's token could continue past them), each reviewed: why renaming a name token can
    /// never change the check's result.
    static let reviewedOpenFragments: [String: String] = [
        "AROA": "aws:userid prefix; names starting with A and three capitals are never renamed",
        "A": "Policy validation of unique ids (diagnostics on the original document, before any renaming)",
        "IfExists": "operator names, not values",
        "0": "decimal text of numbers; numeric operators keep a resource as it is",
        "principal": "tags of the explanation's own unsat-core labels, not values",
        "assumerole": "action names (sts:AssumeRole*), never renamed",
        "--x-s3": "ResourceARNForm's check of a directory bucket ARN given to `check` (problem/inferType), never run by scans",
        "--xa--s3": "ResourceARNForm's check of a directory bucket access point ARN given to `check`, never run by scans",
        "aws": "CallerStatements: whether a request's context has the key aws:PrincipalAccount (a key's name, never renamed)",
        "PrincipalAccount": "CallerStatements: whether a request's context has the key aws:PrincipalAccount (a key's name, never renamed)",
    ]

    // MARK: Scans with and without canonical forms

    private static let accounts = ["200000000001", "200000000002", "200000000003"]

    /// Each document on one resource per account, its placeholder account and its name made that
    /// resource's own (as `Benchmarks/`' generator does).
    private func snapshot(_ documents: [(type: ResourceType, text: String, arn: String, name: String?)]) -> Snapshot {
        var byAccount: [String: [SnapshotResource]] = [:]
        for (index, document) in documents.enumerated() {
            for (number, account) in Self.accounts.enumerated() {
                var text = document.text.replacingOccurrences(of: "111122223333", with: account)
                var arn = document.arn.replacingOccurrences(of: "111122223333", with: account)
                if let name = document.name {
                    let own = "\(name)-\(index)\(number)\(number)"
                    text = text.replacingOccurrences(of: name, with: own)
                    arn = arn.replacingOccurrences(of: name, with: own)
                }
                var resource = SnapshotResource(type: document.type.rawValue, arn: arn, account: account,
                                                region: document.type == .s3Bucket || document.type == .iamRole ? nil : "us-east-1")
                let parsed = PolicyParser.parse(text: text, source: arn, type: document.type.policyType)
                resource.policy = parsed.policy
                resource.policyHasErrors = parsed.policy == nil || parsed.diagnostics.contains { $0.severity == .error }
                resource.documentText = text
                resource.files = ["generated/\(arn)"]
                byAccount[account, default: []].append(resource)
            }
        }
        return Snapshot(name: "canonical", accounts: Self.accounts.map { AccountSnapshot(id: $0, resources: byAccount[$0] ?? []) })
    }

    private struct Answer: Equatable, CustomStringConvertible {
        var status: String
        var findings: [String]
        var description: String { "\(status) \(findings)" }
    }

    /// Per resource (account and ARN): the status and each finding without its witness and the
    /// statements it cites, which follow the witness (when two statements grant the same access,
    /// another solver model may be granted by the other one).
    private func answers(_ result: ScanResult, citing: Bool = false) -> [String: Answer] {
        var byResource: [String: Answer] = [:]
        for outcome in result.outcomes {
            let findings = result.findings.filter { $0.resource == outcome.arn && $0.account == outcome.account }.map { finding in
                "\(finding.principal) \(finding.principalKind.rawValue) \(finding.actions) \(finding.conditions) public=\(finding.isPublic)"
                    + (citing ? " \(finding.statements.map { "\($0.statementIndex)/\($0.sid ?? "-")" })" : "")
            }.sorted()
            byResource[outcome.account + " " + outcome.arn] = Answer(status: outcome.status.rawValue, findings: findings)
        }
        return byResource
    }

    private func compareScans(_ snapshot: Snapshot, timeoutMilliseconds: UInt32 = 60_000, file: StaticString = #filePath, line: UInt = #line) throws -> (ScanResult, ScanResult) {
        let analysis = AnalysisOptions(timeoutMilliseconds: timeoutMilliseconds)
        let with = try Scanner.scan(snapshot, options: ScanOptions(zoneMode: .account, jobs: 2, analysis: analysis, canonicalForms: true))
        let without = try Scanner.scan(snapshot, options: ScanOptions(zoneMode: .account, jobs: 2, analysis: analysis, canonicalForms: false))
        XCTAssertEqual(with.canonicalFallbacks, 0, "a mapped-back witness was refused", file: file, line: line)
        let a = answers(with), b = answers(without)
        XCTAssertEqual(Set(a.keys), Set(b.keys), file: file, line: line)
        for (arn, answer) in a {
            guard let other = b[arn], answer.status != "UNPROVEN", other.status != "UNPROVEN" else { continue }
            XCTAssertEqual(answer, other, "\(arn): canonical form vs as it is", file: file, line: line)
        }
        return (with, without)
    }

    func testScansWithAndWithoutCanonicalFormsAgreeOnHandWorkedPolicies() throws {
        let bucket = #"""
            {"Version": "2012-10-17", "Statement": [
             {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site-2024/*"},
             {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::site-2024/uploads/*"},
             {"Sid": "Logs", "Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::site-2024/logs/*",
              "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}},
             {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::site-2024", "arn:aws:s3:::site-2024/*"],
              "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
            """#
        let queue = #"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
             "Resource": "arn:aws:sqs:us-east-1:111122223333:jobs-2024", "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:events"}}}]}
            """#
        let role = #"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/ci"]},
             "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "team-2024"}}}]}
            """#
        let home = #"""
            {"Version": "2012-10-17", "Statement": [{"Sid": "Home", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
             "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home-2024/${aws:username}/*"}]}
            """#
        // Names the canonical account itself: an outside account for the resource, swapped with
        // the resource's own account in the canonical form (so the three do not share one), and
        // back in the finding.
        let topic = #"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::010101010101:root"}, "Action": "sns:Publish",
             "Resource": "arn:aws:sns:us-east-1:111122223333:alerts-2024"}]}
            """#
        // Numeric and date conditions: the renamed account is far from their literals.
        let timed = #"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sqs:SendMessage",
             "Resource": "arn:aws:sqs:us-east-1:111122223333:batch-2024", "Condition": {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}},
             {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "arn:aws:sqs:us-east-1:111122223333:batch-2024",
              "Condition": {"NumericGreaterThan": {"aws:MultiFactorAuthAge": "3600"}}}]}
            """#
        let (with, without) = try compareScans(snapshot([
            (.sqsQueue, timed, "arn:aws:sqs:us-east-1:111122223333:batch-2024", "batch-2024"),
            (.snsTopic, topic, "arn:aws:sns:us-east-1:111122223333:alerts-2024", "alerts-2024"),
            (.s3Bucket, home, "arn:aws:s3:::home-2024", "home-2024"),
            (.s3Bucket, bucket, "arn:aws:s3:::site-2024", "site-2024"),
            (.sqsQueue, queue, "arn:aws:sqs:us-east-1:111122223333:jobs-2024", "jobs-2024"),
            (.iamRole, role, "arn:aws:iam::111122223333:role/deploy", nil),
        ]))
        // Three resources per document: one analysis each with canonical forms, three without.
        XCTAssertEqual(with.analyses, 3 + 5, "the topics one each, the other documents one for three resources")
        XCTAssertEqual(without.analyses, 18, "each document names its account or its resource, so each resource is its own analysis")
        XCTAssertEqual(with.canonicalReuses, 10)
        // Hand-worked: the bucket is public (statement 0) and shared with 444455556666 (statement 1); the
        // log delivery service acts for the bucket's own account; the queue's SNS topic is the account's own.
        let answer = answers(with, citing: true)
        XCTAssertEqual(answer["200000000001 arn:aws:sns:us-east-1:200000000001:alerts-2024-100"]?.findings,
                       [#"010101010101 Account ["sns:Publish"] [] public=false ["0/-"]"#])
        XCTAssertEqual(answer["200000000003 arn:aws:s3:::home-2024-222"]?.findings,
                       [#"444455556666 Account ["s3:GetObject"] [] public=false ["0/Home"]"#])
        let site = try XCTUnwrap(answer["200000000002 arn:aws:s3:::site-2024-311"])
        XCTAssertEqual(site.status, "EXTERNAL_ACCESS")
        // One finding per principal: `*` lists what everyone gets, the partner its own PutObject.
        XCTAssertEqual(site.findings, [#"* Everyone ["s3:GetObject"] [] public=true ["0/PublicRead"]"#,
                                       #"444455556666 Account ["s3:PutObject"] [] public=false ["1/Partner"]"#], "\(site)")
        XCTAssertFalse(site.findings.contains { $0.contains("logging.s3.amazonaws.com") }, "\(site)")
        XCTAssertEqual(answer["200000000002 arn:aws:sqs:us-east-1:200000000002:jobs-2024-411"]?.status, "NO_EXTERNAL_ACCESS")
        // The batch queue: 444455556666 may send before 2030 (the deny needs an MFA age over an hour).
        XCTAssertEqual(answer["200000000003 arn:aws:sqs:us-east-1:200000000003:batch-2024-022"]?.findings,
                       [#"444455556666 Account ["sqs:SendMessage"] ["DateLessThan aws:CurrentTime: 2030-01-01T00:00:00Z"] public=false ["0/-"]"#])
        // Findings name each resource's own ARN in their witness.
        for finding in with.findings { XCTAssertTrue(finding.witness.resource.hasPrefix(finding.resource), "\(finding.witness.resource) for \(finding.resource)") }
    }

    /// Corpus resource policies, each on three resources in three accounts: the same answers with
    /// and without canonical forms. `RAMPART_CANONICAL_CHECKS=all` checks every policy.
    func testScansWithAndWithoutCanonicalFormsAgreeOnTheCorpus() throws {
        let kinds: [String: ResourceType] = ["bucket-policy": .s3Bucket, "queue-policy": .sqsQueue, "topic-policy": .snsTopic, "key-policy": .kmsKey]
        var documents: [(type: ResourceType, text: String, arn: String, name: String?)] = []
        for document in try Corpus.load("policy-examples/policy-examples.jsonl") {
            guard let type = kinds[document.kind], let text = String(bytes: document.bytes, encoding: .utf8) else { continue }
            let parsed = PolicyParser.parse(text: text, source: document.label, type: type.policyType)
            guard let policy = parsed.policy, !parsed.diagnostics.contains(where: { $0.severity == .error }) else { continue }
            let prefix = "arn:aws:\(type.servicePrefixes[0]):"
            guard let named = policy.statements.flatMap({ $0.resources?.values ?? [] }).first(where: { $0.hasPrefix(prefix) && !$0.contains("*") && !$0.contains("$") }) else { continue }
            var arn = named
            if type == .s3Bucket, let slash = arn.firstIndex(of: "/") { arn = String(arn[..<slash]) }
            let name = ARN(parsing: arn).map { $0.resource.split(separator: ":").last.map(String.init) ?? $0.resource }
                .flatMap { $0.count >= 4 && $0.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) ? $0 : nil }
            documents.append((type, text, arn, name))
        }
        let limit = ProcessInfo.processInfo.environment["RAMPART_CANONICAL_CHECKS"].flatMap { $0 == "all" ? Int.max : Int($0) } ?? 8
        let step = max(1, documents.count / min(limit, max(1, documents.count)))
        let sample = Swift.stride(from: 0, to: documents.count, by: step).map { documents[$0] }.prefix(limit)
        let (with, without) = try compareScans(snapshot(Array(sample)), timeoutMilliseconds: 30_000)
        print("canonical forms on \(sample.count) of \(documents.count) corpus policies: \(with.analyses) analyses (\(without.analyses) without), "
              + "\(with.canonicalReuses) reuses, \(with.canonicalFallbacks) fallbacks")
        XCTAssertGreaterThan(with.canonicalReuses, sample.count, "canonical forms should share most of these analyses")
        XCTAssertLessThan(with.analyses, without.analyses)
    }
}

