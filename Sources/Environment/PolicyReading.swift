import Policy

/// One reading of a resource's policy document: what the analysis needs and where the document
/// is. A resource whose snapshot holds more than one (two files for the same resource, a key
/// repeated in a CLI output, a role listed twice) keeps the others as
/// `SnapshotResource.alternativePolicies` and is judged on all of them.
public struct PolicyReading: Sendable {
    public var policy: Policy
    public var location: DocumentLocation?
    public var statementLines: [Int: Int]
    public var documentText: String?
    /// Each statement's text (`StatementTexts`), derived from `documentText`.
    public var statementTexts: [Int: String] { StatementTexts.of(documentText) }

    public init(policy: Policy, location: DocumentLocation?, statementLines: [Int: Int], documentText: String?) {
        self.policy = policy
        self.location = location
        self.statementLines = statementLines
        self.documentText = documentText
    }
}

extension SnapshotResource {
    /// The resource as one reading of its policy says it is.
    public func reading(_ reading: PolicyReading) -> SnapshotResource {
        var copy = self
        copy.policy = reading.policy
        copy.policyDocument = reading.location
        copy.statementLines = reading.statementLines
        copy.documentText = reading.documentText
        copy.alternativePolicies = []
        return copy
    }

    /// Every reading of the resource's policy: the first, then the alternatives.
    public var readings: [SnapshotResource] { [self] + alternativePolicies.map(reading) }

    /// Adds what another reading of this resource (from another file, or another reading of
    /// one file) says about its policy: an unreadable one leaves the policy unknown; each
    /// different one becomes an alternative.
    mutating func mergePolicy(of other: SnapshotResource) {
        if other.policyHasErrors {
            policyHasErrors = true
            policy = nil
            return
        }
        var incoming = other.alternativePolicies
        if let otherPolicy = other.policy {
            incoming.insert(PolicyReading(policy: otherPolicy, location: other.policyDocument,
                                          statementLines: other.statementLines, documentText: other.documentText), at: 0)
        }
        for reading in incoming { add(reading) }
    }

    private mutating func add(_ reading: PolicyReading) {
        guard !policyHasErrors else { return }
        guard policy != nil else {
            policy = reading.policy
            policyDocument = reading.location
            statementLines = reading.statementLines
            documentText = reading.documentText
            return
        }
        guard documentText != reading.documentText, !alternativePolicies.contains(where: { $0.documentText == reading.documentText }) else { return }
        alternativePolicies.append(reading)
    }
}
