/// An Amazon Resource Name: `arn:partition:service:region:account-id:resource`.
/// The resource part may itself contain `:` and `/` (IAM User Guide, "IAM identifiers", ARNs).
///
/// ```swift
/// ARN(parsing: "arn:aws:s3:::bucket/key")?.service   // "s3"
/// ```
public struct ARN: Sendable, Hashable, CustomStringConvertible {
    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    public var resource: String

    public init(partition: String, service: String, region: String, account: String, resource: String) {
        self.partition = partition
        self.service = service
        self.region = region
        self.account = account
        self.resource = resource
    }

    /// Splits on the first five colons; nil when the text is not `arn:` followed by five more segments.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        self.init(partition: String(parts[1]), service: String(parts[2]), region: String(parts[3]),
                  account: String(parts[4]), resource: String(parts[5]))
    }

    /// The six segments, for segment-by-segment matching (ARN condition operators).
    public var segments: [String] { ["arn", partition, service, region, account, resource] }

    public var description: String { segments.joined(separator: ":") }

    /// Partitions AWS documents.
    public static let knownPartitions: Set<String> = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]
}

/// Account identifiers: twelve decimal digits.
public enum AccountID {
    public static func isValid(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
