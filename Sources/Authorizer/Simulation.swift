import Policy

/// The files of one `rampart simulate` run, loaded into a `Request` and a `PolicySet`.
///
/// Each `--scp` file is one level of the principal's organization path (every level must allow), and
/// likewise each `--rcp` file for the resource; `identityPolicyFiles` empty means the identity policies
/// are unknown and assumed to allow (pass `identityPoliciesNone` to say the caller has none).
public struct SimulationFiles: Sendable, Hashable {
    public var requestFile: String
    public var resourcePolicyFile: String?
    public var identityPolicyFiles: [String]
    public var identityPoliciesNone: Bool
    public var scpFiles: [String]
    public var rcpFiles: [String]
    public var boundaryFile: String?
    public var sessionPolicyFile: String?
    /// Overrides the request file's `resourceAccount`.
    public var resourceAccount: String?

    public init(requestFile: String, resourcePolicyFile: String? = nil, identityPolicyFiles: [String] = [],
                identityPoliciesNone: Bool = false, scpFiles: [String] = [], rcpFiles: [String] = [],
                boundaryFile: String? = nil, sessionPolicyFile: String? = nil, resourceAccount: String? = nil) {
        self.requestFile = requestFile
        self.resourcePolicyFile = resourcePolicyFile
        self.identityPolicyFiles = identityPolicyFiles
        self.identityPoliciesNone = identityPoliciesNone
        self.scpFiles = scpFiles
        self.rcpFiles = rcpFiles
        self.boundaryFile = boundaryFile
        self.sessionPolicyFile = sessionPolicyFile
        self.resourceAccount = resourceAccount
    }
}

/// Why a simulation could not run: each case carries a message ready for people.
public enum SimulationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file could not be read.
    case unreadable(String)
    /// A policy has ERROR diagnostics; the text lists every diagnostic of the file.
    case invalidPolicy(file: String, report: String)
    /// The request file is malformed.
    case invalidRequest(file: String, error: RequestFileError)
    /// An option value is malformed.
    case invalidOption(String)

    public var description: String {
        switch self {
        case .unreadable(let message): return "error: \(message)"
        case .invalidPolicy(let file, let report): return "error: \(file) has errors and was not evaluated\n\(report)"
        case .invalidRequest(let file, let error): return "error: \(file): \(error)"
        case .invalidOption(let message): return "error: \(message)"
        }
    }
}

/// Loads simulation inputs and renders decisions.
public enum Simulation {
    /// Reads every file; the first problem found is thrown.
    public static func load(_ files: SimulationFiles) throws(SimulationError) -> (Request, PolicySet) {
        let requestBytes = try read(files.requestFile)
        var request: Request
        do {
            request = try RequestFile.decode(bytes: requestBytes)
        } catch {
            throw .invalidRequest(file: files.requestFile, error: error)
        }
        if let account = files.resourceAccount {
            guard AccountID.isValid(account) else {
                throw .invalidOption("--resource-account \"\(account)\" is not a 12-digit account id")
            }
            request.resourceAccount = account
        }
        var policies = PolicySet()
        if let file = files.resourcePolicyFile { policies.resourcePolicy = try loadPolicy(file, type: nil) }
        if !files.identityPolicyFiles.isEmpty || files.identityPoliciesNone {
            var identity: [Policy] = []
            for file in files.identityPolicyFiles { identity.append(try loadPolicy(file, type: .identity)) }
            policies.identityPolicies = identity
        }
        if !files.scpFiles.isEmpty {
            var levels: [[Policy]] = []
            for file in files.scpFiles { levels.append([try loadPolicy(file, type: .scp)]) }
            policies.serviceControlPolicies = levels
        }
        if !files.rcpFiles.isEmpty {
            var levels: [[Policy]] = []
            for file in files.rcpFiles { levels.append([try loadPolicy(file, type: .rcp)]) }
            policies.resourceControlPolicies = levels
        }
        if let file = files.boundaryFile { policies.permissionsBoundary = try loadPolicy(file, type: .boundary) }
        if let file = files.sessionPolicyFile { policies.sessionPolicy = try loadPolicy(file, type: .identity) }
        return (request, policies)
    }

    private static func read(_ file: String) throws(SimulationError) -> [UInt8] {
        switch PolicyFileReader.read(argument: file) {
        case .success(let bytes): return bytes
        case .failure(let error): throw .unreadable(error.description)
        }
    }

    /// Parses a policy; `type: nil` reads a resource policy (a role trust policy when it looks like one).
    private static func loadPolicy(_ file: String, type: PolicyType?) throws(SimulationError) -> Policy {
        let bytes = try read(file)
        var result = PolicyParser.parse(bytes: bytes, source: file, type: type)
        if type == nil && result.type != .resource && result.type != .trust {
            result = PolicyParser.parse(bytes: bytes, source: file, type: .resource)
        }
        guard let policy = result.policy, !result.diagnostics.containsError else {
            let validation = FileValidation(file: file, policyType: result.type, policyTypeInferred: result.typeWasInferred,
                                            readError: nil, diagnostics: result.diagnostics)
            throw .invalidPolicy(file: file, report: validation.diagnosticLines.joined(separator: "\n"))
        }
        return policy
    }
}
