/// The SARIF 2.1.0 objects Rampart writes (OASIS SARIF 2.1.0: §3.13 sarifLog, §3.14 run,
/// §3.18 toolComponent, §3.49 reportingDescriptor, §3.27 result, §3.28 location, §3.29
/// physicalLocation, §3.30 region, §3.34 suppression, §3.11 message), as `Encodable` values:
/// `ReportJSON` encodes them like every other JSON output (sorted keys, pretty-printed). Optional
/// properties left nil are left out of the log.
///
/// ```swift
/// let log = SARIFLog(runs: [SARIFLog.Run(tool: .init(driver: .init(name: "rampart", version: "1.0", rules: [])), results: [])])
/// ReportJSON.encode(log)   // {"$schema": …, "runs": [ … ], "version": "2.1.0"}
/// ```
struct SARIFLog: Encodable {
    var version = "2.1.0"
    var schema = SARIFReport.schema
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case version, schema = "$schema", runs
    }

    /// §3.11 message and §3.12 multiformatMessageString.
    struct Message: Encodable {
        var text: String
        var markdown: String?
    }

    struct Run: Encodable {
        var tool: Tool
        var automationDetails: AutomationDetails?
        var originalUriBaseIds: [String: BaseURI]?
        var results: [Result]
        var columnKind = "unicodeCodePoints"
        var properties: RunProperties?
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String?
        var rules: [Rule]
    }

    /// §3.49 reportingDescriptor.
    struct Rule: Encodable {
        var id: String
        var name: String?
        var shortDescription: Message
        var fullDescription: Message?
        var help: Message?
        var helpUri: String?
        var defaultConfiguration: Configuration
        var properties: RuleProperties?
    }

    struct Configuration: Encodable {
        var level: String
    }

    /// What GitHub code scanning reads from a rule's property bag.
    struct RuleProperties: Encodable {
        var tags: [String]
        var precision: String
        var securitySeverity: String?

        enum CodingKeys: String, CodingKey {
            case tags, precision, securitySeverity = "security-severity"
        }
    }

    struct AutomationDetails: Encodable {
        var id: String
    }

    /// An entry of `originalUriBaseIds` (§3.14.14: an artifactLocation).
    struct BaseURI: Encodable {
        var uri: String
        var description: Message?
    }

    struct RunProperties: Encodable {
        var model: String
        var zone: String
        var generatedAt: String
        var coverage: String
    }

    /// §3.27 result.
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]?
        var properties: ResultProperties?
        var suppressions: [Suppression]?
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
    }

    /// §3.34 suppression.
    struct Suppression: Encodable {
        var kind: String
        var status: String
        var justification: String
    }

    /// A result's property bag: the finding it reports, or the resource whose list of findings
    /// is incomplete.
    enum ResultProperties: Encodable {
        case finding(FindingProperties)
        case incomplete(resource: String)

        private struct Incomplete: Encodable {
            var resource: String
            var complete = false
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .finding(let properties): try properties.encode(to: encoder)
            case .incomplete(let resource): try Incomplete(resource: resource).encode(to: encoder)
            }
        }
    }

    struct FindingProperties: Encodable {
        var findingId: String
        var status: String
        var isNew: Bool
        var principal: String
        var resource: String
        var actions: [String]
        var source: String
        var severity: String
        var severityScore: Double
        var severityReason: String
        var remediation: String
        var learnMoreLink: String
    }
}
